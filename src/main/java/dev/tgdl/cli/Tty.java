package dev.tgdl.cli;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Whether a file descriptor is a terminal, through libc's {@code isatty}: the JDK can tell for
 * stdin/stdout together ({@code Console.isTerminal}) but not for stderr alone, where progress goes.
 */
@SuppressWarnings("restricted")
final class Tty {

    private static final Optional<MethodHandle> ISATTY = lookup();

    private Tty() {
    }

    /** Whether stderr (fd 2) is a terminal; false where it cannot be told. */
    static boolean stderr() {
        return isatty(2);
    }

    static boolean isatty(int fd) {
        if (ISATTY.isEmpty()) {
            return false;
        }
        try {
            return (int) ISATTY.get().invokeExact(fd) == 1;
        } catch (Throwable t) {
            return false;
        }
    }

    private static Optional<MethodHandle> lookup() {
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("isatty")
                    .map(symbol -> linker.downcallHandle(symbol, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
