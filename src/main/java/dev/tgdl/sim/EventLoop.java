package dev.tgdl.sim;

import dev.tgdl.time.TimeSource;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's one thread: every request, timer and transfer step runs here, in simulated-time
 * order, so the simulation's state needs no locking. Waits between events are converted to real
 * time through the shared {@link TimeSource}, which is what lets a simulated hour pass in seconds.
 */
final class EventLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

    private record Event(long at, long seq, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final TimeSource clock;
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread thread;
    private long seq;
    private volatile boolean running = true;

    EventLoop(TimeSource clock) {
        this.clock = clock;
        this.thread = Thread.ofPlatform().name("tgdl-sim").daemon(true).unstarted(this::run);
        thread.start();
    }

    /** The simulated time now. */
    long now() {
        return clock.nanos();
    }

    /** Runs {@code action} on the loop as soon as possible. */
    void execute(Runnable action) {
        at(Long.MIN_VALUE, action);
    }

    /** Runs {@code action} at simulated time {@code at} (clock nanos). */
    void at(long at, Runnable action) {
        lock.lock();
        try {
            events.add(new Event(at, seq++, action));
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} after {@code delay} of simulated time. */
    void after(Duration delay, Runnable action) {
        at(now() + Math.max(0, delay.toNanos()), action);
    }

    /** Whether the caller is the loop's thread. */
    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    private void run() {
        while (running) {
            Event next;
            lock.lock();
            try {
                next = events.peek();
                if (next == null) {
                    changed.await(100, TimeUnit.MILLISECONDS);
                    continue;
                }
                long wait = next.at() == Long.MIN_VALUE ? 0 : next.at() - clock.nanos();
                if (wait > 0) {
                    long real = clock.toRealNanos(Duration.ofNanos(wait));
                    if (real > 0) {
                        changed.awaitNanos(Math.min(real, TimeUnit.MILLISECONDS.toNanos(100)));
                        continue;
                    }
                }
                events.poll();
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                next.action().run();
            } catch (RuntimeException e) {
                LOG.error("simulator event failed", e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
