package dev.tgdl.archive;

import java.io.Serial;

/** The manifest database cannot be opened or written (a full disk, a broken file). */
public final class ManifestException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
