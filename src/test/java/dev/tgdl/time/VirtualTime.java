package dev.tgdl.time;

import java.time.Instant;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh unpaced {@link VirtualClock} per test, with the test's thread taking part in it, so a
 * test against the simulator runs as fast as the processor allows and never depends on its speed.
 * Register it with {@code @RegisterExtension final VirtualTime time = new VirtualTime();}.
 */
public final class VirtualTime implements BeforeEachCallback, AfterEachCallback {

    /** Where every test's simulated time starts. */
    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private VirtualClock clock;
    private TimeSource.Participation part;

    @Override
    public void beforeEach(ExtensionContext context) {
        clock = TimeSource.virtual(EPOCH, Double.POSITIVE_INFINITY);
        part = clock.participate();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        part.close();
        clock.close();
    }

    /** This test's clock. */
    public VirtualClock clock() {
        return clock;
    }
}
