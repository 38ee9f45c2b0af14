package dev.tgdl.archive;

import java.io.Serial;

/** Another tgdl process holds the profile's run lock; exit code 4. */
public final class ProfileBusyException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** @param message names the profile and the holder's pid */
    public ProfileBusyException(String message) {
        super(message);
    }
}
