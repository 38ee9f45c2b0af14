package dev.tgdl.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Optional;

/**
 * Logback's configuration until {@link Logging#configure} knows the command: warnings to stderr.
 * Found by Logback through {@code META-INF/services}; done in code rather than a logback.xml
 * because parsing XML costs about a tenth of a second at every start, and a second run that only
 * has to say "profile in use" should answer at once.
 */
public final class BootLogging extends ContextAwareBase implements Configurator {

    /** Public, as Logback's service loader requires. */
    public BootLogging() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        Logging.install(context, "WARN", System.err, Optional.empty());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
