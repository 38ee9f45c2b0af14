package dev.tgdl.telegram;

import java.io.Serial;

/**
 * TDLib could not start a session: bad parameters (an api_id TDLib rejects), an unreadable
 * database, a proxy TDLib refuses. The message is one line for the user; exit code 2.
 */
public final class SessionException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public SessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
