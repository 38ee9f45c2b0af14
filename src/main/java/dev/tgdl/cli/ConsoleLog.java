package dev.tgdl.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Where tgdl's stderr log lines go: straight to stderr, or, while a live progress view owns the
 * terminal, above it (so log lines and the view never overwrite each other).
 */
final class ConsoleLog extends OutputStream {

    private final PrintStream err;
    private final AtomicReference<Consumer<String>> sink = new AtomicReference<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    ConsoleLog(PrintStream err) {
        this.err = err;
    }

    /** Sends complete lines to {@code target} until {@link #direct()}. */
    void redirect(Consumer<String> target) {
        sink.set(target);
    }

    /** Back to plain stderr. */
    void direct() {
        sink.set(null);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            Consumer<String> target = sink.get();
            if (target != null) {
                target.accept(text);
            } else {
                err.println(text);
            }
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void flush() {
        err.flush();
    }
}
