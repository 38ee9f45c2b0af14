package dev.tgdl.download;

import dev.tgdl.telegram.Chat;
import dev.tgdl.telegram.MediaItem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The durable record of a download target (one output folder and selection): the archive manifest
 * implements it. The engine consults it to skip work already done, to resume scans where the last
 * run stopped, and to take up items left pending or due for retry; it reports every outcome. Each
 * call is one durable step, made only once it is true (a file is {@link #downloaded} once in place).
 */
public interface Ledger {

    /**
     * A file recorded as archived.
     *
     * @param path where it was placed
     * @param size its size
     */
    record Done(Path path, long size) {
    }

    /**
     * How far a chat was scanned: every message up to {@code highWaterMark} is recorded, and when a
     * checkpoint is present, also every message from its {@code reached} up to its {@code top}.
     */
    record ScanState(long highWaterMark, Optional<Checkpoint> checkpoint) {

        public static final ScanState NONE = new ScanState(0, Optional.empty());
    }

    /**
     * An interrupted scan: messages from {@code reached} up to {@code top} are recorded.
     *
     * @param top     the newest message id of the interrupted scan
     * @param reached the oldest message id it got to
     */
    record Checkpoint(long top, long reached) {
    }

    /**
     * An item to take up again: left pending by an interrupted run, or due for retry.
     *
     * @param chatId    its chat
     * @param messageId its server message id
     * @param uniqueId  its file's unique id
     */
    record Due(long chatId, long messageId, String uniqueId) {
    }

    /** A source resolved to this chat (its name is kept for status reports). */
    void resolved(Chat chat);

    /** Whether this item is recorded as done, and where. */
    Optional<Done> done(MediaItem item);

    /** Whether a file with this unique id was already archived in this ledger (any chat), and where. */
    Optional<Done> archivedCopy(String uniqueId);

    /** Whether {@code path} is recorded for a different file than {@code uniqueId}. */
    boolean pathBelongsToOther(Path path, String uniqueId);

    /** Whether {@code path} is recorded for the file {@code uniqueId} (placed there, or about to be). */
    boolean isRecordedAt(Path path, String uniqueId);

    /** How far {@code chat} was scanned. */
    ScanState scanState(Chat chat);

    /** Records a scan's progress: every message from {@code reached} up to {@code top} is recorded. */
    void scanProgress(Chat chat, long top, long reached);

    /** Records that every message of {@code chat} up to {@code top} is recorded; clears the checkpoint. */
    void scanned(Chat chat, long top);

    /**
     * Files of {@code chat} recorded as archived (done or duplicates) with message ids from
     * {@code fromId} to {@code toId}: what a run skips without looking at it again.
     */
    long archivedBetween(Chat chat, long fromId, long toId);

    /** Items of {@code chat} to take up now: pending from an interrupted run, or due for retry. */
    List<Due> due(Chat chat);

    /** The item was selected and will be downloaded to {@code target}. */
    void queued(MediaItem item, Path target);

    /** The file is now in place. */
    void downloaded(MediaItem item, Path path, long size);

    /** The file was already in place (a run before placed it, or it was there already): it is done. */
    void alreadyPresent(MediaItem item, Path path, long size);

    /** The file is a copy of one already archived at {@code copy}: not downloaded again. */
    void duplicate(MediaItem item, Path copy);

    /**
     * The file failed.
     *
     * @param permanent no retry can help (access denied, the message is gone)
     */
    void failed(MediaItem item, String error, boolean permanent);

    /** A due item whose message is gone or has no file any more. */
    void vanished(Due due, String reason);

    /** The chat a username was resolved to before in this profile (so it need not be resolved again). */
    OptionalLong chatIdOf(String username);

    /**
     * A rate learned from Telegram's flood waits by an earlier run of this profile.
     *
     * @param key {@code "api"}, or {@code "parts:CHAT_ID"} for the part rate of a chat's data centre
     */
    OptionalDouble learnedRate(String key);

    /** Remembers a learned rate (see {@link #learnedRate}). */
    void learnedRate(String key, double rate);

    /** A ledger that keeps nothing: every run starts from scratch, checking the disk only. */
    Ledger NONE = new Ledger() {
        @Override
        public void resolved(Chat chat) {
        }

        @Override
        public Optional<Done> done(MediaItem item) {
            return Optional.empty();
        }

        @Override
        public Optional<Done> archivedCopy(String uniqueId) {
            return Optional.empty();
        }

        @Override
        public boolean pathBelongsToOther(Path path, String uniqueId) {
            return false;
        }

        @Override
        public boolean isRecordedAt(Path path, String uniqueId) {
            return false;
        }

        @Override
        public ScanState scanState(Chat chat) {
            return ScanState.NONE;
        }

        @Override
        public void scanProgress(Chat chat, long top, long reached) {
        }

        @Override
        public void scanned(Chat chat, long top) {
        }

        @Override
        public long archivedBetween(Chat chat, long fromId, long toId) {
            return 0;
        }

        @Override
        public List<Due> due(Chat chat) {
            return List.of();
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
            return OptionalLong.empty();
        }

        @Override
        public OptionalDouble learnedRate(String key) {
            return OptionalDouble.empty();
        }

        @Override
        public void learnedRate(String key, double rate) {
        }
    };
}
