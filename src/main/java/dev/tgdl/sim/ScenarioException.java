package dev.tgdl.sim;

import java.io.Serial;

/** A scenario file is wrong; the message names the key or line. */
public final class ScenarioException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
