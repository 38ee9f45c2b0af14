package dev.tgdl.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tgdl.td.NativeTdJson;
import dev.tgdl.td.TdFunctions;
import dev.tgdl.td.TdRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real libtdjson for tests, loaded once per JVM (the library keeps one receive queue per process).
 * Found through the {@code tgdl.tdjson} system property (set by the build to native/linux-x64).
 * A missing library fails the test, unless {@code TGDL_SKIP_NATIVE=1}: then the test is skipped
 * and the skip is printed.
 */
public final class NativeLibrary {

    private static NativeTdJson instance;

    private NativeLibrary() {
    }

    public static synchronized NativeTdJson get() {
        if (instance != null) {
            return instance;
        }
        String property = System.getProperty("tgdl.tdjson", "");
        Path path = property.isBlank() ? null : Path.of(property);
        if (path == null || !Files.isRegularFile(path)) {
            if ("1".equals(System.getenv("TGDL_SKIP_NATIVE"))) {
                System.err.println("SKIPPED native TDLib test: libtdjson not found at " + path + " and TGDL_SKIP_NATIVE=1");
                Assumptions.abort("libtdjson not available and TGDL_SKIP_NATIVE=1");
            }
            fail("libtdjson not found at " + path + ": run native/fetch-tdjson.sh (bin/test does), "
                    + "or set TGDL_SKIP_NATIVE=1 to skip the native tests");
        }
        instance = NativeTdJson.load(path);
        // TDLib logs to stderr by default: keep it in a file, as tgdl itself does
        TdRuntime runtime = TdRuntime.of(instance);
        runtime.execute(new TdFunctions.SetLogStream(TdFunctions.LogStream.file(
                Path.of("target", "tdlib-test.log").toAbsolutePath().toString(), 50L << 20)));
        runtime.execute(new TdFunctions.SetLogVerbosityLevel(2));
        return instance;
    }
}
