package dev.tgdl.telegram;

import java.io.Serial;

/** The login did not complete; the message says why and what to do. Exit code 3. */
public final class LoginFailedException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public LoginFailedException(String message) {
        super(message);
    }
}
