package dev.tgdl.td;

import dev.tgdl.time.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link TdJson} that appends every document sent ({@code > }) and received ({@code < }) to a file,
 * one per line, with secrets masked: {@code api_hash}, {@code database_encryption_key},
 * {@code phone_number}, codes, passwords and QR login tokens. Users attach it to bug reports;
 * tests read it to see what went over the wire.
 */
public final class TracingTdJson implements TdJson, AutoCloseable {

    /** String fields whose values never reach the trace. */
    private static final Pattern SECRET_FIELDS = Pattern.compile(
            "\"(api_hash|database_encryption_key|phone_number|code|password|recovery_code|email_address"
                    + "|new_password|token|phone_number_prefix|email_address_pattern)\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern LOGIN_TOKEN = Pattern.compile("(tg://login\\?token=)[A-Za-z0-9_\\-=%]+");
    private static final String MASK = "***";

    private final TdJson delegate;
    private final Writer out;

    private TracingTdJson(TdJson delegate, Writer out) {
        this.delegate = delegate;
        this.out = out;
    }

    /** Wraps {@code delegate}, appending to {@code file} (created if missing). */
    public static TracingTdJson appendingTo(TdJson delegate, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            return new TracingTdJson(delegate, writer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the TDLib trace file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Masks the secrets of one JSON document. */
    public static String mask(String json) {
        Matcher fields = SECRET_FIELDS.matcher(json);
        String masked = fields.replaceAll(m -> Matcher.quoteReplacement("\"" + m.group(1) + "\":\"" + MASK + "\""));
        return LOGIN_TOKEN.matcher(masked).replaceAll("$1" + MASK);
    }

    @Override
    public int createClientId() {
        return delegate.createClientId();
    }

    @Override
    public void send(int clientId, String request) {
        write("> ", request);
        delegate.send(clientId, request);
    }

    @Override
    public Optional<String> receive(double timeoutSeconds) {
        Optional<String> received = delegate.receive(timeoutSeconds);
        received.ifPresent(doc -> write("< ", doc));
        return received;
    }

    @Override
    public TimeSource clock() {
        return delegate.clock();
    }

    @Override
    public String execute(String request) {
        write("> ", request);
        String result = delegate.execute(request);
        write("< ", result);
        return result;
    }

    private void write(String prefix, String document) {
        String line = prefix + mask(document.replace('\n', ' ')) + "\n";
        synchronized (out) {
            try {
                out.write(line);
                out.flush();
            } catch (IOException e) {
                // a trace that cannot be written must not break the session it observes
            }
        }
    }

    @Override
    public void close() {
        synchronized (out) {
            try {
                out.close();
            } catch (IOException e) {
                // nothing useful to do: the trace is best effort
            }
        }
    }
}
