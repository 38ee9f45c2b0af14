package dev.tgdl.download;

import dev.tgdl.telegram.MediaItem;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the engine reports while it runs: the terminal progress view and the log listen to it.
 * Called from worker threads and from the TDLib receive thread: implementations are thread-safe,
 * quick, and never block.
 */
public interface ProgressListener {

    /** A source was resolved and its scan begins. */
    default void sourceStarted(String source, String chat, ChatTotals totals) {
    }

    /** A source could not be resolved or read; the run goes on with the others. */
    default void sourceFailed(String source, String reason) {
    }

    /** A file will be downloaded to {@code target} (also the plan of a dry run). */
    default void planned(MediaItem item, Path target) {
    }

    /** A download started. */
    default void started(MediaItem item) {
    }

    /** Bytes of a download so far. */
    default void progress(MediaItem item, long downloaded, long total) {
    }

    /** A download ended. */
    default void finished(MediaItem item, Outcome outcome, String detail) {
    }

    /** A flood wait was met. */
    default void floodWait(Duration wait, boolean explicit) {
    }

    /** A note for the log (retries, stalls, pauses). */
    default void note(String message) {
    }

    /** How a file ended. */
    enum Outcome { DOWNLOADED, SKIPPED, FAILED, RETRYING, CANCELLED }

    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
    };
}
