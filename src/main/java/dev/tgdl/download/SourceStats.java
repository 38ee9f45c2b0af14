package dev.tgdl.download;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counts of one source of a run. Thread-safe. */
public final class SourceStats {

    private final String source;
    private final AtomicReference<String> chat = new AtomicReference<>("");
    private final AtomicLong chatId = new AtomicLong();
    final AtomicLong matched = new AtomicLong();
    final AtomicLong downloaded = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong scanned = new AtomicLong();
    private final AtomicReference<String> error = new AtomicReference<>();

    SourceStats(String source) {
        this.source = source;
    }

    void resolved(long id, String name) {
        chatId.set(id);
        chat.set(name);
    }

    void error(String message) {
        error.set(message);
    }

    /** The source's line of the stats document. */
    public DownloadReport.Source snapshot() {
        String e = error.get();
        return new DownloadReport.Source(source, chatId.get(), chat.get(), scanned.get(), matched.get(),
                downloaded.get(), skipped.get(), failed.get(), bytes.get(),
                e == null ? DownloadReport.Status.OK : DownloadReport.Status.ERROR, e);
    }
}
