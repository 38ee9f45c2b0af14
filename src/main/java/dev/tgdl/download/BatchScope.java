package dev.tgdl.download;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Runs one batch of downloads as a structured unit: at most {@code parallelism} tasks in flight,
 * each on its own virtual thread, all joined before {@link #run} returns. An interrupt of the
 * caller reaches every task, and still nothing returns before every task has ended: no thread
 * outlives its batch.
 */
final class BatchScope {

    private static final ThreadFactory THREADS = Thread.ofVirtual().name("tgdl-download-", 0).factory();

    private BatchScope() {
    }

    /**
     * Runs {@code task} for every item. The task handles its own failures; an exception escaping
     * it ends that task only.
     *
     * @throws InterruptedException when the caller was interrupted (the tasks were interrupted and joined)
     */
    static <T> void run(List<T> items, int parallelism, Consumer<T> task) throws InterruptedException {
        Semaphore slots = new Semaphore(parallelism);
        boolean interrupted = false;
        ExecutorService executor = Executors.newThreadPerTaskExecutor(THREADS);
        try {
            for (T item : items) {
                slots.acquire();
                executor.submit(() -> {
                    try {
                        task.accept(item);
                    } finally {
                        slots.release();
                    }
                });
            }
        } catch (InterruptedException e) {
            interrupted = true;
            executor.shutdownNow();
        } finally {
            // close() waits for every task; an interrupt while waiting interrupts the tasks and keeps waiting
            executor.close();
        }
        if (interrupted || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("batch interrupted");
        }
    }
}
