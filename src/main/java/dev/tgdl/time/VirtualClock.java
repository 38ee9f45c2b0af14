package dev.tgdl.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated time that moves only when every thread taking part in it is waiting on it, and then
 * straight to the earliest deadline: a discrete-event clock for real, multi-threaded code. tgdl and
 * the simulator share one, so what a simulated run does (its waits, its flood waits, its speed)
 * depends only on the scenario, the seeds and the code, never on how fast or how busy the machine
 * is; and a simulated hour takes as long as the work done in it.
 *
 * <h2>How it knows everyone is waiting</h2>
 * The clock counts the threads taking part that are running: threads it {@linkplain #startThread
 * started}, and threads that {@linkplain #participate() joined}. A thread stops counting while it
 * waits through the clock ({@link #sleep}, {@link #await}, a {@link Monitor} of this clock) and counts
 * again from the moment another thread wakes it: the waker counts it while still running itself,
 * so the count never touches zero in a hand-off. When the count is zero a driver thread moves
 * time to the earliest deadline and wakes whoever waits for it. Everything happens under one lock,
 * so a decision to move time can never race with a wake-up.
 *
 * <p>A thread that blocks any other way (a {@code BlockingQueue}, {@code Future.get}, I/O, a lock
 * held by a running thread) is counted as running: time waits for it, which is slow at worst.
 * Threads that do not take part (a progress view) may still read and sleep on the clock; they
 * never hold time back.
 *
 * <h2>Pace</h2>
 * With a finite pace the driver also waits until the real time that the deadline corresponds to
 * ({@code pace} simulated seconds per real second from the start), so a person can watch a simulated
 * run; the outcome is the same at any pace. The clock never runs ahead of that pace; when the work
 * itself is slower, it simply runs behind.
 */
public final class VirtualClock implements TimeSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualClock.class);
    /** Real time without any change, with threads still running, after which the clock says who they are. */
    private static final long STUCK_REPORT_NANOS = Duration.ofSeconds(30).toNanos();
    private static final ThreadLocal<Part> PART = new ThreadLocal<>();

    private final Instant epoch;
    private final double pace;
    private final long realOrigin = System.nanoTime();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition driverWake = lock.newCondition();
    private final TreeSet<Waiter> timers = new TreeSet<>();
    private final Map<Thread, Waiter> waiting = new HashMap<>();
    private final Set<Thread> participants = ConcurrentHashMap.newKeySet();
    private final Thread driver;
    private volatile long now;
    private int running;
    private long seq;
    private long changes;
    private boolean closed;

    VirtualClock(Instant epoch, double pace) {
        if (!(pace > 0)) {
            throw new IllegalArgumentException("pace must be a positive number of simulated seconds per second, got " + pace);
        }
        this.epoch = epoch;
        this.pace = pace;
        this.driver = Thread.ofPlatform().name("tgdl-virtual-clock").daemon(true).unstarted(this::drive);
        driver.start();
    }

    /** A thread's part in the clock: counted once however often it joins. */
    private record Part(VirtualClock clock, int[] depth) {
    }

    /** One thread waiting: on a monitor, for a deadline, or both. Ordered by deadline for the timers. */
    private static final class Waiter implements Comparable<Waiter> {
        final Thread thread;
        final Condition condition;
        final long deadline;
        final long seq;
        final boolean participant;
        boolean woken;
        boolean timedOut;

        Waiter(Thread thread, Condition condition, long deadline, long seq, boolean participant) {
            this.thread = thread;
            this.condition = condition;
            this.deadline = deadline;
            this.seq = seq;
            this.participant = participant;
        }

        @Override
        public int compareTo(Waiter o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    @Override
    public long nanos() {
        return now;
    }

    @Override
    public Instant now() {
        return epoch.plusNanos(now);
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long deadline = Deadlines.plus(now, duration);
        lock.lock();
        try {
            while (now < deadline) {
                park(null, deadline);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <T> T await(CompletableFuture<T> future) throws InterruptedException, ExecutionException {
        try {
            return await(future, Long.MAX_VALUE);
        } catch (TimeoutException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public <T> T await(CompletableFuture<T> future, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        return await(future, Deadlines.plus(now, timeout));
    }

    private <T> T await(CompletableFuture<T> future, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (!future.isDone()) {
            VirtualMonitor done = new VirtualMonitor();
            // the completing thread wakes this one while it still counts as running itself
            future.whenComplete((value, error) -> {
                lock.lock();
                try {
                    done.signalAll();
                } finally {
                    lock.unlock();
                }
            });
            lock.lock();
            try {
                while (!future.isDone()) {
                    if (!done.awaitUntil(deadline) && !future.isDone()) {
                        throw new TimeoutException("not done within the deadline of simulated time");
                    }
                }
            } finally {
                lock.unlock();
            }
        }
        try {
            return future.get();
        } catch (CancellationException e) {
            throw new ExecutionException(e);
        }
    }

    @Override
    public Monitor newMonitor() {
        return new VirtualMonitor();
    }

    @Override
    public Thread startThread(String name, boolean virtual, Runnable task) {
        lock.lock();
        try {
            running++; // counted from now: the new thread may not have run yet when the starter waits
            changes++;
        } finally {
            lock.unlock();
        }
        Runnable body = () -> {
            Thread self = Thread.currentThread();
            PART.set(new Part(this, new int[] {1}));
            participants.add(self);
            try {
                task.run();
            } finally {
                participants.remove(self);
                PART.remove();
                leave();
            }
        };
        try {
            return virtual ? Thread.ofVirtual().name(name).start(body)
                    : Thread.ofPlatform().name(name).daemon(true).start(body);
        } catch (RuntimeException | Error e) {
            leave();
            throw e;
        }
    }

    @Override
    public Participation participate() {
        Part part = PART.get();
        if (part != null && part.clock() == this) {
            part.depth()[0]++;
            return new Handle(part);
        }
        if (part != null) {
            throw new IllegalStateException(Thread.currentThread() + " already takes part in another clock");
        }
        lock.lock();
        try {
            running++;
            changes++;
        } finally {
            lock.unlock();
        }
        Part mine = new Part(this, new int[] {1});
        PART.set(mine);
        participants.add(Thread.currentThread());
        return new Handle(mine);
    }

    /** Ends the part once, on its own thread. */
    private final class Handle implements Participation {
        private final Part part;
        private boolean closed;

        Handle(Part part) {
            this.part = part;
        }

        @Override
        public void close() {
            if (closed || PART.get() != part) {
                return;
            }
            closed = true;
            if (--part.depth()[0] == 0) {
                PART.remove();
                participants.remove(Thread.currentThread());
                leave();
            }
        }
    }

    private void leave() {
        lock.lock();
        try {
            running--;
            changes++;
            if (running == 0) {
                driverWake.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void interrupt(Thread thread) {
        lock.lock();
        try {
            Waiter w = waiting.get(thread);
            if (w != null) {
                wake(w, false);
            }
        } finally {
            lock.unlock();
        }
        thread.interrupt();
    }

    /** Whether the calling thread takes part in this clock. */
    private boolean participating() {
        Part part = PART.get();
        return part != null && part.clock() == this;
    }

    /**
     * Waits with the lock held until woken, interrupted or the deadline; returns false on the deadline.
     * A participant stops counting as running while it waits; its waker counts it again.
     */
    private boolean park(VirtualMonitor monitor, long deadline) throws InterruptedException {
        Thread self = Thread.currentThread();
        boolean participant = participating();
        Waiter w = new Waiter(self, lock.newCondition(), deadline, seq++, participant);
        if (monitor != null) {
            monitor.waiters.add(w);
        }
        if (deadline != Long.MAX_VALUE) {
            timers.add(w);
            if (timers.first() == w) {
                driverWake.signal();
            }
        }
        waiting.put(self, w);
        changes++;
        if (participant && --running == 0) {
            driverWake.signal();
        }
        try {
            while (!w.woken) {
                w.condition.await();
            }
        } catch (InterruptedException e) {
            if (!w.woken) {
                w.woken = true;
                if (participant) {
                    running++;
                }
            }
            throw e;
        } finally {
            if (monitor != null) {
                monitor.waiters.remove(w);
            }
            timers.remove(w);
            waiting.remove(self, w);
        }
        return !w.timedOut;
    }

    /** Wakes a waiter (lock held): it counts as running from now. */
    private void wake(Waiter w, boolean timedOut) {
        if (w.woken) {
            return;
        }
        w.woken = true;
        w.timedOut = timedOut;
        if (w.participant) {
            running++;
        }
        changes++;
        timers.remove(w);
        w.condition.signal();
    }

    /** The driver: moves time when nobody runs, to the earliest deadline, at the pace at most. */
    private void drive() {
        lock.lock();
        try {
            long lastChanges = -1;
            long lastChangeReal = System.nanoTime();
            boolean reported = false;
            while (!closed) {
                if (running > 0 || timers.isEmpty()) {
                    if (changes != lastChanges) {
                        lastChanges = changes;
                        lastChangeReal = System.nanoTime();
                        reported = false;
                    } else if (running > 0 && !reported && System.nanoTime() - lastChangeReal > STUCK_REPORT_NANOS) {
                        reported = true;
                        LOG.debug("virtual time is held by {} running thread(s): {}", running, runningThreads());
                    }
                    driverWake.awaitNanos(STUCK_REPORT_NANOS);
                    continue;
                }
                Waiter first = timers.first();
                long target = Math.max(now, first.deadline);
                if (Double.isFinite(pace)) {
                    long due = realOrigin + (long) Math.min(Long.MAX_VALUE / 2.0, target / pace);
                    long early = due - System.nanoTime();
                    if (early > 0) {
                        driverWake.awaitNanos(early);
                        continue; // something may have changed meanwhile: decide again
                    }
                }
                if (target > now) {
                    now = target;
                }
                while (!timers.isEmpty() && timers.first().deadline <= now) {
                    wake(timers.first(), true);
                }
            }
        } catch (InterruptedException e) {
            // closed
        } finally {
            lock.unlock();
        }
    }

    private String runningThreads() {
        List<String> names = new ArrayList<>();
        for (Thread t : participants) {
            Waiter w = waiting.get(t);
            if (w == null || w.woken) {
                names.add(t.getName());
            }
        }
        return names.stream().sorted().collect(Collectors.joining(", "));
    }

    /** Stops the driver; time no longer moves. Threads still waiting stay parked until interrupted. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            driverWake.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "VirtualClock[" + (Double.isFinite(pace) ? "pace " + pace : "unpaced") + ", at " + Duration.ofNanos(now) + "]";
    }

    /** A monitor on the clock's one lock. */
    private final class VirtualMonitor implements Monitor {
        final List<Waiter> waiters = new ArrayList<>(2);

        @Override
        public void lock() {
            lock.lock();
        }

        @Override
        public void unlock() {
            lock.unlock();
        }

        @Override
        public boolean awaitUntil(long deadlineNanos) throws InterruptedException {
            if (!lock.isHeldByCurrentThread()) {
                throw new IllegalMonitorStateException("awaitUntil without holding the monitor");
            }
            if (deadlineNanos != Long.MAX_VALUE && now >= deadlineNanos) {
                return false;
            }
            return park(this, deadlineNanos);
        }

        @Override
        public void signalAll() {
            if (!lock.isHeldByCurrentThread()) {
                throw new IllegalMonitorStateException("signalAll without holding the monitor");
            }
            for (Waiter w : List.copyOf(waiters)) {
                wake(w, false);
            }
            waiters.clear();
        }
    }
}
