package dev.tgdl.cli;

import dev.tgdl.app.ExitCode;
import dev.tgdl.archive.ProfileBusyException;
import dev.tgdl.config.ConfigException;
import dev.tgdl.td.TdLibraryException;
import dev.tgdl.telegram.LoginFailedException;
import dev.tgdl.telegram.LoginRequiredException;
import dev.tgdl.telegram.SessionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Maps what a command threw to its exit code: the one place domain failures meet exit codes. */
final class ExitCodes {

    private ExitCodes() {
    }

    static ExitCode of(Throwable t) {
        return switch (t) {
            case ConfigException e -> ExitCode.USAGE;
            case TdLibraryException e -> ExitCode.USAGE;
            case SessionException e -> ExitCode.USAGE;
            case LoginRequiredException e -> ExitCode.LOGIN_REQUIRED;
            case LoginFailedException e -> ExitCode.LOGIN_REQUIRED;
            case ProfileBusyException e -> ExitCode.PROFILE_BUSY;
            case InterruptedException e -> ExitCode.INTERRUPTED;
            default -> ExitCode.INTERNAL_ERROR;
        };
    }

    /** The exit codes for the end of {@code tgdl --help}: every code with its meaning, from {@link ExitCode}. */
    static String[] helpFooter() {
        List<String> lines = new ArrayList<>(List.of("", "Exit codes:"));
        for (ExitCode code : ExitCode.values()) {
            lines.add(String.format(Locale.ROOT, "  %3d  %s", code.code(), code.meaning()));
        }
        return lines.toArray(String[]::new);
    }

    /** The one line printed for a failure. */
    static String message(Throwable t) {
        String m = t.getMessage();
        if (ExitCodes.of(t) == ExitCode.INTERNAL_ERROR || m == null || m.isBlank()) {
            return "unexpected error (a bug in tgdl): " + t.getClass().getSimpleName() + (m == null ? "" : ": " + firstLine(m));
        }
        if (t instanceof InterruptedException) {
            return "interrupted";
        }
        return firstLine(m);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
