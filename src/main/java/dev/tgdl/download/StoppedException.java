package dev.tgdl.download;

import java.io.Serial;

/** Unwinds a worker or the scanner once the run was asked to stop (see {@link RunControl}). */
final class StoppedException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    StoppedException() {
        super("run stopped", null, false, false);
    }
}
