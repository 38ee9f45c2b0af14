package dev.tgdl.telegram;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** A download TDLib is running. */
public interface Download {

    /**
     * Completes with the path of TDLib's finished copy, or exceptionally with a
     * {@link TelegramException} ({@code TRANSIENT} when TDLib stopped it without saying why).
     */
    CompletableFuture<Path> completion();

    /**
     * Stops the download, keeping its partial data for a later resume; {@link #completion()} then
     * fails with a {@code TRANSIENT} exception.
     */
    void cancel();

    /** Asks TDLib to serve this download at another priority (1..32); it keeps its partial data. */
    void setPriority(int priority);
}
