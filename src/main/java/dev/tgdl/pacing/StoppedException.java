package dev.tgdl.pacing;

import java.io.Serial;

/** Unwinds a worker or the scanner once the run was asked to stop (see {@link RunControl}). */
public final class StoppedException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public StoppedException() {
        super("run stopped", null, false, false);
    }
}
