package dev.tgdl.cli;

import dev.tgdl.config.DataSizes;
import dev.tgdl.download.ChatTotals;
import dev.tgdl.download.MediaDownloader;
import dev.tgdl.download.ProgressListener;
import dev.tgdl.telegram.MediaItem;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Display;

/**
 * The live view on a terminal (stderr), drawn with JLine's {@link Display}: the overall line (files,
 * bytes, rate, ETA, the controller's workers and delay, flood waits) and a line per active file.
 * Log lines are printed above the view, never through it.
 */
final class LiveProgress implements ProgressListener, AutoCloseable {

    private static final int MAX_FILE_LINES = 8;

    private record Active(String name, long started, long downloaded, long total) {
    }

    private final Terminal terminal;
    private final Display display;
    private final ConsoleLog log;
    private final Map<String, Active> active = new ConcurrentHashMap<>();
    private final AtomicReference<MediaDownloader> engine = new AtomicReference<>();
    private final AtomicLong expected = new AtomicLong(-1);
    private final Thread renderer;
    private volatile boolean running = true;

    private LiveProgress(Terminal terminal, ConsoleLog log) {
        this.terminal = terminal;
        this.log = log;
        this.display = new Display(terminal, false);
        display.resize(terminal.getSize());
        log.redirect(this::printAbove);
        this.renderer = Thread.ofPlatform().daemon(true).name("tgdl-progress").start(this::renderLoop);
    }

    /** Opens the view on stderr's terminal. */
    static LiveProgress open(ConsoleLog log) throws IOException {
        Terminal terminal = TerminalBuilder.builder().system(true).systemOutput(TerminalBuilder.SystemOutput.SysErr)
                .nativeSignals(false).build();
        return new LiveProgress(terminal, log);
    }

    void attach(MediaDownloader downloader) {
        engine.set(downloader);
    }

    @Override
    public void sourceStarted(String source, String chat, ChatTotals totals) {
        if (totals.files() >= 0) {
            expected.accumulateAndGet(totals.files(), (a, b) -> Math.max(a, 0) + b);
        }
        printAbove(source + ": scanning " + chat + (totals.files() >= 0 ? " (" + totals.files() + " files)" : ""));
    }

    @Override
    public void sourceFailed(String source, String reason) {
        printAbove("error: " + reason);
    }

    @Override
    public void started(MediaItem item) {
        String name = item.fileName().orElse(item.type().label() + " " + item.messageId());
        active.put(item.file().uniqueId(), new Active(item.chat().displayName() + "/" + item.messageId() + " " + name,
                System.nanoTime(), 0, item.file().size()));
    }

    @Override
    public void progress(MediaItem item, long downloaded, long total) {
        active.computeIfPresent(item.file().uniqueId(), (k, a) -> new Active(a.name(), a.started(), downloaded,
                total > 0 ? total : a.total()));
    }

    @Override
    public void finished(MediaItem item, Outcome outcome, String detail) {
        active.remove(item.file().uniqueId());
        if (outcome == Outcome.FAILED) {
            printAbove("failed " + item.describe() + ": " + detail);
        }
    }

    @Override
    public void floodWait(Duration wait, boolean explicit) {
        printAbove("flood wait of " + wait.toSeconds() + " s (" + (explicit ? "Telegram asked to wait" : "absorbed by TDLib") + ")");
    }

    @Override
    public void note(String message) {
        printAbove(message);
    }

    private synchronized void printAbove(String line) {
        display.update(List.of(), -1);
        terminal.writer().println(line);
        terminal.writer().flush();
        render();
    }

    private void renderLoop() {
        while (running) {
            synchronized (this) {
                render();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void render() {
        if (!running) {
            return;
        }
        int width = Math.max(20, terminal.getSize().getColumns());
        List<AttributedString> lines = new ArrayList<>();
        MediaDownloader e = engine.get();
        if (e != null) {
            lines.add(new AttributedStringBuilder().style(AttributedStyle.BOLD)
                    .append(cut(ProgressLine.of(e.stats(), e.policy().state(), expected.get()), width)).toAttributedString());
        }
        List<Active> files = active.values().stream().sorted(Comparator.comparingLong(Active::started)).toList();
        for (int i = 0; i < Math.min(files.size(), MAX_FILE_LINES); i++) {
            Active a = files.get(i);
            String pct = a.total() > 0 ? String.format(Locale.ROOT, "%3d%%", a.downloaded() * 100 / a.total()) : "  ?%";
            lines.add(new AttributedString(cut("  " + pct + " " + DataSizes.format(a.downloaded()) + "/"
                    + DataSizes.format(a.total()) + "  " + a.name(), width)));
        }
        if (files.size() > MAX_FILE_LINES) {
            lines.add(new AttributedString("  ... and " + (files.size() - MAX_FILE_LINES) + " more"));
        }
        display.resize(terminal.getSize());
        display.update(lines, -1);
        terminal.flush();
    }

    private static String cut(String s, int width) {
        return s.length() <= width - 1 ? s : s.substring(0, Math.max(0, width - 2)) + "…";
    }

    @Override
    public void close() {
        running = false;
        renderer.interrupt();
        try {
            renderer.join(1000);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            display.update(List.of(), -1);
            terminal.flush();
        }
        log.direct();
        try {
            terminal.close();
        } catch (IOException ex) {
            // the terminal is going away with the process anyway
        }
    }
}
