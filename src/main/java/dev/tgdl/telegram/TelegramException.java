package dev.tgdl.telegram;

import java.io.Serial;
import java.time.Duration;
import java.util.Optional;

/**
 * A failure talking to Telegram, classified for the engine: whether to retry, wait, or give up.
 */
public final class TelegramException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** What kind of failure this is; the engine's reaction depends on it. */
    public enum Kind {
        /** A flood wait TDLib did not absorb (429): wait {@link #retryAfter()} before the next call of that kind. */
        FLOOD_WAIT,
        /** No access (CHANNEL_PRIVATE, banned, not a member): retrying does not help. */
        ACCESS_DENIED,
        /** No such chat, username or message: retrying does not help. */
        NOT_FOUND,
        /** The session is not logged in (401). */
        UNAUTHORIZED,
        /** A request TDLib or Telegram rejected as malformed: a bug or bad input, not worth retrying. */
        INVALID,
        /**
         * TDLib stopped a download without a reason (not active, not completed): a fault of the file or
         * the network, or a flood wait longer than TDLib absorbs. Worth retrying; the engine tells which.
         */
        STOPPED,
        /** Network trouble, a closing client: worth retrying after a backoff. */
        TRANSIENT
    }

    private final Kind kind;
    private final transient Duration retryAfter;

    public TelegramException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public TelegramException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#FLOOD_WAIT}: how long Telegram asked to wait. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Whether retrying the same call later can succeed. */
    public boolean isRetryable() {
        return kind == Kind.FLOOD_WAIT || kind == Kind.TRANSIENT || kind == Kind.STOPPED;
    }
}
