package dev.tgdl.td;

import java.io.Serial;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code 429 Too Many Requests: retry after X}: a flood wait TDLib did not absorb itself
 * (it absorbs waits up to 60 s for user accounts). Carries X.
 */
public final class FloodWaitException extends TdException {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final Pattern RETRY_AFTER = Pattern.compile("retry after (\\d+)");

    private final int retryAfterSeconds;

    public FloodWaitException(String message, int retryAfterSeconds) {
        super(429, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** X of "retry after X", in seconds. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Duration retryAfter() {
        return Duration.ofSeconds(retryAfterSeconds);
    }

    static OptionalInt parseRetryAfter(String message) {
        Matcher m = RETRY_AFTER.matcher(message);
        if (!m.find()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(m.group(1)));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
