package dev.tgdl.telegram;

import java.io.Serial;

/** The profile has no logged-in session; the command line maps this to exit code 3. */
public final class LoginRequiredException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public static final String MESSAGE = "not logged in: run tgdl login";

    public LoginRequiredException() {
        super(MESSAGE);
    }

    public LoginRequiredException(String profileHint) {
        super(MESSAGE + profileHint);
    }
}
