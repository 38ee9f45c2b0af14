package dev.tgdl.time;

import java.util.ArrayDeque;
import java.util.Optional;

/**
 * A bounded first-in first-out queue between threads whose waits are in a {@link TimeSource}'s time
 * (a {@code BlockingQueue} would freeze a virtual clock while a consumer waits on it).
 */
public final class Handoff<T> {

    private final Monitor monitor;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final int capacity;

    public Handoff(TimeSource clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.monitor = clock.newMonitor();
        this.capacity = capacity;
    }

    /** Adds {@code item}, waiting while the queue is full. */
    public void put(T item) throws InterruptedException {
        monitor.lock();
        try {
            while (items.size() >= capacity) {
                monitor.await();
            }
            items.add(item);
            monitor.signalAll();
        } finally {
            monitor.unlock();
        }
    }

    /**
     * Adds {@code item}, waiting until the clock reaches {@code deadlineNanos} at most.
     *
     * @return false when the queue stayed full until then
     */
    public boolean offer(T item, long deadlineNanos) throws InterruptedException {
        monitor.lock();
        try {
            while (items.size() >= capacity) {
                if (!monitor.awaitUntil(deadlineNanos) && items.size() >= capacity) {
                    return false;
                }
            }
            items.add(item);
            monitor.signalAll();
            return true;
        } finally {
            monitor.unlock();
        }
    }

    /** Takes the oldest item, waiting until there is one. */
    public T take() throws InterruptedException {
        monitor.lock();
        try {
            while (items.isEmpty()) {
                monitor.await();
            }
            T item = items.poll();
            monitor.signalAll();
            return item;
        } finally {
            monitor.unlock();
        }
    }

    /** Takes the oldest item if there is one now. */
    public Optional<T> poll() {
        monitor.lock();
        try {
            T item = items.poll();
            if (item != null) {
                monitor.signalAll();
            }
            return Optional.ofNullable(item);
        } finally {
            monitor.unlock();
        }
    }
}
