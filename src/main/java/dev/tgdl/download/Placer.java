package dev.tgdl.download;

import dev.tgdl.telegram.Telegram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The place stage: moves TDLib's finished copy into the file's reserved place, records it in the
 * ledger and the counters, and has TDLib drop its own copy. A file is recorded only once it is in
 * place under its final name.
 */
final class Placer {

    private final Telegram telegram;
    private final Outcomes outcomes;

    Placer(Telegram telegram, Outcomes outcomes) {
        this.telegram = telegram;
        this.outcomes = outcomes;
    }

    /** Places a downloaded file; false (and the item failed) when it could not be placed. */
    boolean place(Work work, Path downloaded) {
        Path target;
        long size;
        try {
            target = work.reservation().commit(downloaded);
            size = Files.size(target);
        } catch (IOException | RuntimeException e) {
            outcomes.failed(work.item(), work.source(), "cannot place the file at "
                    + work.reservation().placement().target() + ": " + e.getMessage(), false);
            return false;
        }
        outcomes.downloaded(work.item(), work.source(), target, size);
        telegram.discardLocalCopy(work.item().file());
        return true;
    }
}
