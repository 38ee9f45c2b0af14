package dev.tgdl.download;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * How fast downloads are requested: how many files and bytes TDLib may have requested at once, and
 * the pace of new requests. It learns from outcomes: {@link #onFlood} when downloads met a flood
 * wait (a pause TDLib sat out, or downloads it stopped past its 60 s), {@link #onDownloaded}
 * otherwise. The policies are named in {@link Policies}. Implementations are thread-safe.
 */
public interface DownloadPolicy {

    /** The policy's name, as stats and {@code tgdl bench} report it. */
    String name();

    /** Files requested from TDLib at once, at most. */
    int maxFiles();

    /** Bytes of requested files not yet downloaded, at most ({@link Long#MAX_VALUE}: no such bound). */
    long maxBytesInFlight();

    /**
     * Whether downloads in flight are cancelled (and asked for again) when a pause shows a flood wait,
     * rather than waited out: what TDLib holds back, it sends again all at once when the wait ends.
     */
    default boolean shedsOnPause() {
        return false;
    }

    /** Files over 20 MB requested at once, at most. */
    default int maxLargeFiles() {
        return Integer.MAX_VALUE;
    }

    /** Waits until a file of {@code parts} parts (TDLib's 64-512 KiB) may be requested. */
    void pace(int parts) throws InterruptedException;

    /** A file was downloaded, {@code took} after it was requested. */
    void onDownloaded(Duration took);

    /** Downloads met a flood wait of about {@code wait}. */
    void onFlood(Duration wait);

    /** Downloads met a flood wait of about {@code wait} that began at {@code began} (clock nanos). */
    default void onFlood(Duration wait, long began) {
        onFlood(wait);
    }

    /** Telegram slows this account's downloads (the speed limit of accounts without Premium). */
    default void onSpeedLimit() {
    }

    /** The policy's state, for progress, stats and plots. */
    PolicyState state();

    /** The part rate it learned (parts per second), to start the next run with; empty for none. */
    default OptionalDouble learnedPartRate() {
        return OptionalDouble.empty();
    }
}
