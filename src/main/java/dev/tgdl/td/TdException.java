package dev.tgdl.td;

import java.io.Serial;

/**
 * An {@code error} object from TDLib: its code and message, as TDLib wrote them
 * (for example {@code 400 CHANNEL_PRIVATE} or {@code 401 Unauthorized}).
 */
public class TdException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String tdMessage;

    public TdException(int code, String message) {
        super(code + " " + message);
        this.code = code;
        this.tdMessage = message;
    }

    /** TDLib's error code: 400, 401, 403, 404, 406, 420, 429, 500 ... */
    public int code() {
        return code;
    }

    /** TDLib's error message, without the code. */
    public String tdMessage() {
        return tdMessage;
    }

    /** Builds the most specific exception for an error object: a {@link FloodWaitException} for a 429. */
    public static TdException of(int code, String message) {
        // downloads carry TDLib's 429 rewritten as 400 (FileManager::on_download_error_impl)
        if (code == 429 || code == 400 && message.startsWith("Too Many Requests: retry after")) {
            var seconds = FloodWaitException.parseRetryAfter(message);
            if (seconds.isPresent()) {
                return new FloodWaitException(message, seconds.getAsInt());
            }
        }
        return new TdException(code, message);
    }

    /** TDLib's answer to requests pending when a client closes. */
    public static TdException requestAborted() {
        return new TdException(500, "Request aborted");
    }
}
