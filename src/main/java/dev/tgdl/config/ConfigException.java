package dev.tgdl.config;

import java.io.Serial;

/**
 * The configuration or a command-line value is wrong. The message is one line that says what was
 * wrong and what to do; the command line maps it to exit code 2.
 */
public final class ConfigException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
