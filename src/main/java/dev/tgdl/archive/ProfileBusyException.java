package dev.tgdl.archive;

import java.io.Serial;

/** Another tgdl process holds the profile's run lock; exit code 4. */
public final class ProfileBusyException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long holderPid;

    public ProfileBusyException(String message, long holderPid) {
        super(message);
        this.holderPid = holderPid;
    }

    /** The PID of the process holding the lock, -1 if unknown. */
    public long holderPid() {
        return holderPid;
    }
}
