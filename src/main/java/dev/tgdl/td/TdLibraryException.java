package dev.tgdl.td;

import java.io.Serial;

/** libtdjson could not be found or loaded. The message is one line a user can act on. */
public final class TdLibraryException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public TdLibraryException(String message) {
        super(message);
    }

    public TdLibraryException(String message, Throwable cause) {
        super(message, cause);
    }
}
