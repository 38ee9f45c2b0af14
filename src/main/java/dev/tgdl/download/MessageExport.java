package dev.tgdl.download;

import dev.tgdl.telegram.MessageInfo;
import java.nio.file.Path;
import java.util.List;

/**
 * Receives, for {@code --export}, each message the scan looked at once its files are settled: placed,
 * found present, failed, filtered out, or left for a later run. Called from the scan thread and from
 * download threads: implementations are thread-safe. Messages come in no particular order.
 */
public interface MessageExport {

    /**
     * One message and the files placed for it.
     *
     * @param files absolute paths of its files in the output folder; empty when none is there
     */
    void write(MessageInfo message, List<Path> files);

    /** No export: scans also keep their server-side media filters. */
    MessageExport NONE = (message, files) -> {
    };
}
