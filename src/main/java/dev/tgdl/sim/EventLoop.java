package dev.tgdl.sim;

import dev.tgdl.time.Monitor;
import dev.tgdl.time.TimeSource;
import java.time.Duration;
import java.util.PriorityQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's one thread: every request, timer and transfer step runs here, in simulated-time
 * order, so the simulation's state needs no locking. It waits through the shared {@link TimeSource}
 * (a {@link Monitor} of it), so on a virtual clock time moves to its next event only once tgdl too
 * is waiting.
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
    private final Monitor monitor;
    private final Thread thread;
    private long seq;
    private boolean running = true;

    EventLoop(TimeSource clock) {
        this.clock = clock;
        this.monitor = clock.newMonitor();
        this.thread = clock.startThread("tgdl-sim", false, this::run);
    }

    /** The simulated time now. */
    long now() {
        return clock.nanos();
    }

    /** Runs {@code action} on the loop as soon as possible, after what is already due. */
    void execute(Runnable action) {
        at(Long.MIN_VALUE, action);
    }

    /** Runs {@code action} at simulated time {@code at} (clock nanos). */
    void at(long at, Runnable action) {
        monitor.lock();
        try {
            events.add(new Event(at, seq++, action));
            monitor.signalAll();
        } finally {
            monitor.unlock();
        }
    }

    /** Runs {@code action} after {@code delay} of simulated time. */
    void after(Duration delay, Runnable action) {
        at(clock.deadline(delay), action);
    }

    /** Whether the caller is the loop's thread. */
    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    private void run() {
        monitor.lock();
        try {
            while (running) {
                Event next = events.peek();
                if (next == null) {
                    monitor.await();
                    continue;
                }
                if (next.at() != Long.MIN_VALUE && next.at() > clock.nanos()) {
                    monitor.awaitUntil(next.at());
                    continue;
                }
                events.poll();
                monitor.unlock();
                try {
                    next.action().run();
                } catch (RuntimeException e) {
                    LOG.error("simulator event failed", e);
                } finally {
                    monitor.lock();
                }
            }
        } catch (InterruptedException e) {
            // closed
        } finally {
            monitor.unlock();
        }
    }

    /** Stops the loop after the event it is running; events still queued never run. */
    @Override
    public void close() {
        monitor.lock();
        try {
            running = false;
            monitor.signalAll();
        } finally {
            monitor.unlock();
        }
        if (!inLoop()) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
