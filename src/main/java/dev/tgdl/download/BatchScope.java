package dev.tgdl.download;

import dev.tgdl.time.Monitor;
import dev.tgdl.time.TimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs one batch of downloads as a structured unit: at most {@code parallelism} tasks in flight,
 * each on its own virtual thread, all joined before {@link #run} returns. An interrupt of the
 * caller reaches every task, and still nothing returns before every task has ended: no thread
 * outlives its batch. Waits go through the clock, so a virtual clock moves while the batch waits.
 */
final class BatchScope {

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private BatchScope() {
    }

    /**
     * Runs {@code task} for every item. The task handles its own failures; an exception escaping
     * it ends that task only.
     *
     * @throws InterruptedException when the caller was interrupted (the tasks were interrupted and joined)
     */
    static <T> void run(TimeSource clock, List<T> items, int parallelism, Consumer<T> task) throws InterruptedException {
        Monitor monitor = clock.newMonitor();
        int[] inFlight = {0};
        List<Thread> threads = new ArrayList<>();
        boolean interrupted = false;
        try {
            for (T item : items) {
                monitor.lock();
                try {
                    while (inFlight[0] >= parallelism) {
                        monitor.await();
                    }
                    inFlight[0]++;
                } finally {
                    monitor.unlock();
                }
                threads.add(clock.startThread("tgdl-download-" + THREAD_NUMBER.getAndIncrement(), true, () -> {
                    try {
                        task.accept(item);
                    } finally {
                        monitor.lock();
                        try {
                            inFlight[0]--;
                            monitor.signalAll();
                        } finally {
                            monitor.unlock();
                        }
                    }
                }));
            }
        } catch (InterruptedException e) {
            interrupted = true;
            threads.forEach(clock::interrupt);
        }
        // every task ends before this returns; an interrupt while waiting reaches the tasks and the wait goes on
        monitor.lock();
        try {
            while (inFlight[0] > 0) {
                try {
                    monitor.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                    threads.forEach(clock::interrupt);
                }
            }
        } finally {
            monitor.unlock();
        }
        if (interrupted || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("batch interrupted");
        }
    }
}
