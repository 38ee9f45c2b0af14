package dev.tgdl.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * tgdl's logging, set up once the command and profile are known: stderr at the user's level
 * ({@code -q} warnings only, {@code -v} debug), and a rolling file in the profile at debug level,
 * so that a cron run is quiet and still leaves a record. Nothing is ever logged to stdout.
 */
public final class Logging {

    private Logging() {
    }

    /**
     * Configures logging.
     *
     * @param stderrLevel level of the stderr log
     * @param stderr      where "stderr" logging goes (the command's error stream)
     * @param file        the rolling log file, if any
     */
    public static void configure(String stderrLevel, OutputStream stderr, Optional<Path> file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        install(context, stderrLevel, stderr, file);
    }

    /**
     * Sets up {@code context}: used by {@link #configure} and, before a command is known, by
     * {@link BootLogging} while Logback initialises.
     */
    static void install(LoggerContext context, String stderrLevel, OutputStream stderr, Optional<Path> file) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Level consoleLevel = Level.toLevel(stderrLevel, Level.INFO);

        OutputStreamAppender<ILoggingEvent> console = stderr == System.err ? consoleAppender() : new OutputStreamAppender<>();
        console.setContext(context);
        console.setName("stderr");
        // stack traces go to the log file only: the terminal gets one line per problem
        console.setEncoder(encoder(context, "tgdl: %msg%n%nopex"));
        if (!(console instanceof ConsoleAppender)) {
            console.setOutputStream(stderr);
        }
        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setLevel(consoleLevel.toString());
        threshold.start();
        console.addFilter(threshold);
        console.start();
        root.addAppender(console);

        Level rootLevel = consoleLevel;
        if (file.isPresent()) {
            root.addAppender(fileAppender(context, file.get()));
            rootLevel = consoleLevel.isGreaterOrEqual(Level.DEBUG) ? Level.DEBUG : consoleLevel;
        }
        root.setLevel(rootLevel);
        // libraries are noisy at debug; their warnings still show
        context.getLogger("org.sqlite").setLevel(Level.INFO);
        context.getLogger("org.jline").setLevel(Level.WARN);
    }

    private static ConsoleAppender<ILoggingEvent> consoleAppender() {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setTarget("System.err");
        return appender;
    }

    private static Appender<ILoggingEvent> fileAppender(LoggerContext context, Path file) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("file");
        appender.setFile(file.toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(file + ".%d{yyyy-MM-dd}.%i.gz");
        policy.setMaxFileSize(FileSize.valueOf("10MB"));
        policy.setMaxHistory(14);
        policy.setTotalSizeCap(FileSize.valueOf("200MB"));
        policy.start();
        appender.setRollingPolicy(policy);
        appender.setEncoder(encoder(context, "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{0}: %msg%n"));
        appender.start();
        return appender;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
