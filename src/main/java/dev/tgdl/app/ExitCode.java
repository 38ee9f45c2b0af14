package dev.tgdl.app;

import dev.tgdl.download.DownloadReport;
import dev.tgdl.pacing.StopReason;
import java.util.List;

/**
 * tgdl's exit codes: the one table. Cron jobs and scripts depend on these numbers; the README
 * lists them and {@code ExitCodeTest} keeps the two in step.
 */
public enum ExitCode {
    /** Everything asked for is done (or was already). */
    OK(0, "all done"),
    /** The run finished but some items failed; they are queued for retry. */
    ITEMS_FAILED(1, "finished, but some items failed (queued for retry)"),
    /** Bad command line, configuration, template, proxy or missing libtdjson. */
    USAGE(2, "usage or configuration error"),
    /** No logged-in session: run tgdl login. */
    LOGIN_REQUIRED(3, "login required"),
    /** Another tgdl holds this profile. */
    PROFILE_BUSY(4, "the profile is in use by another run"),
    /** Stopped early and resumable: a flood wait above the cap, or --max-duration reached. */
    STOPPED_RESUMABLE(5, "stopped early, resumable"),
    /** A bug in tgdl: the details are in the log file. */
    INTERNAL_ERROR(70, "internal error (a bug; details in the log)"),
    /** Interrupted (Ctrl-C): in-flight work was cancelled, partial data kept for a resume. */
    INTERRUPTED(130, "interrupted");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    /**
     * The code of a finished run: the one rule, for a {@code download} (one report) and an
     * {@code archive} (one report a job) alike. An interrupt decides, then an early stop, then
     * failures.
     */
    public static ExitCode of(List<DownloadReport> reports) {
        ExitCode worst = OK;
        for (DownloadReport r : reports) {
            ExitCode code = ofOne(r);
            if (code.rank() > worst.rank()) {
                worst = code;
            }
        }
        return worst;
    }

    private static ExitCode ofOne(DownloadReport r) {
        if (r.stopped() == StopReason.INTERRUPTED) {
            return INTERRUPTED;
        }
        if (r.stopped() != null) {
            return STOPPED_RESUMABLE;
        }
        return r.hasFailures() ? ITEMS_FAILED : OK;
    }

    private int rank() {
        return switch (this) {
            case INTERRUPTED -> 3;
            case STOPPED_RESUMABLE -> 2;
            case ITEMS_FAILED -> 1;
            default -> 0;
        };
    }

    public String meaning() {
        return meaning;
    }
}
