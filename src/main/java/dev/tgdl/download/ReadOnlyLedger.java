package dev.tgdl.download;

import dev.tgdl.telegram.Chat;
import dev.tgdl.telegram.MediaItem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** A ledger that answers from another and records nothing: a dry run changes no state. */
public final class ReadOnlyLedger implements Ledger {

    private final Ledger delegate;

    public ReadOnlyLedger(Ledger delegate) {
        this.delegate = delegate;
    }

    @Override
    public void resolved(Chat chat) {
    }

    @Override
    public Optional<Done> done(MediaItem item) {
        return delegate.done(item);
    }

    @Override
    public Optional<Done> archivedCopy(String uniqueId) {
        return delegate.archivedCopy(uniqueId);
    }

    @Override
    public boolean pathBelongsToOther(Path path, String uniqueId) {
        return delegate.pathBelongsToOther(path, uniqueId);
    }

    @Override
    public boolean isRecordedAt(Path path, String uniqueId) {
        return delegate.isRecordedAt(path, uniqueId);
    }

    @Override
    public ScanState scanState(Chat chat) {
        return delegate.scanState(chat);
    }

    @Override
    public void scanProgress(Chat chat, long top, long reached) {
    }

    @Override
    public void scanned(Chat chat, long top) {
    }

    @Override
    public long archivedBetween(Chat chat, long fromId, long toId) {
        return delegate.archivedBetween(chat, fromId, toId);
    }

    @Override
    public List<Due> due(Chat chat) {
        return delegate.due(chat);
    }

    @Override
    public void queued(MediaItem item, Path target) {
    }

    @Override
    public void downloaded(MediaItem item, Path path, long size) {
    }

    @Override
    public void alreadyPresent(MediaItem item, Path path, long size) {
    }

    @Override
    public void duplicate(MediaItem item, Path copy) {
    }

    @Override
    public void failed(MediaItem item, String error, boolean permanent) {
    }

    @Override
    public void vanished(Due due, String reason) {
    }

    @Override
    public OptionalLong chatIdOf(String username) {
        return delegate.chatIdOf(username);
    }

    @Override
    public OptionalDouble learnedRate(String key) {
        return delegate.learnedRate(key);
    }

    @Override
    public void learnedRate(String key, double rate) {
    }
}
