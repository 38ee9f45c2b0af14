package dev.tgdl.download;

import java.time.Duration;

/**
 * The download controller: how many downloads may run at once and how long a worker pauses before
 * each request. It learns from outcomes: {@link #onFlood} when Telegram asked to wait (explicitly
 * with a 429, or silently through a call TDLib held back), {@link #onSuccess} otherwise.
 * Implementations are thread-safe.
 */
public interface Throttle {

    /** The policy's name, as {@code tgdl bench} reports it. */
    String name();

    /** Downloads allowed in flight now (1..max). */
    int workers();

    /** Pause before each request of a worker, before jitter. */
    Duration delay();

    /** A download request is about to be sent (after its pause). */
    default void onRequest() {
    }

    /** A request succeeded. */
    void onSuccess();

    /** A download succeeded after {@code took}, from its request to its last byte. */
    default void onSuccess(Duration took) {
        onSuccess();
    }

    /** Telegram imposed a flood wait of {@code wait}. */
    void onFlood(Duration wait);

    /** The controller's state, for progress, stats and plots. */
    ThrottleState state();
}
