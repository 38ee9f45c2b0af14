package dev.tgdl.download;

import dev.tgdl.pacing.RunControl;
import dev.tgdl.telegram.Download;
import dev.tgdl.time.Monitor;
import dev.tgdl.time.TimeSource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The fetch stage's pool: one structured scope for a source's downloads, continuous rather than in
 * batches. The scan puts selected files in ({@link #put}, waiting while {@value #PENDING} wait);
 * {@link #run} requests the next one as soon as the policy allows (files and bytes in flight, large
 * files, its pace), each on its own virtual thread, and returns only when every one has ended: no
 * thread outlives the pool. A slow or stalled download holds nothing but its own place.
 *
 * <p><b>Priorities.</b> TDLib serves equal priorities newest request first, so files kept waiting in
 * its queue would starve while newer ones keep coming (and look stalled). The pool gives each file a
 * priority below every file already in flight, oldest highest, and when it runs out of the 32 levels
 * it renumbers the files in flight in order: TDLib then serves them first come, first served.
 */
final class FetchPool {

    /** Selected files that may wait for the pool. */
    static final int PENDING = 64;
    static final long LARGE_FILE = 20_000_000L;
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    /** What a file in flight is: its work, its priority, and what is still to come. */
    static final class Slot {
        final Work work;
        final long order;
        int priority;
        long remaining;
        Download download;
        Thread thread;
        boolean shed;

        Slot(Work work, long order, int priority) {
            this.work = work;
            this.order = order;
            this.priority = priority;
            this.remaining = Math.max(0, work.item().file().size());
        }

        boolean large() {
            return work.item().file().size() > LARGE_FILE;
        }
    }

    /** Downloads one file (with its retries); the pool ends the slot afterwards. */
    interface Fetcher {
        /** @return true when the file is to be requested again later (it was shed), false when it ended */
        boolean fetch(Slot slot, FetchPool pool);
    }

    private final TimeSource clock;
    private final DownloadPolicy policy;
    private final RunControl control;
    private final Fetcher fetcher;
    private final Monitor monitor;
    private final Deque<Work> pending = new ArrayDeque<>();
    private final List<Slot> inFlight = new ArrayList<>();
    private boolean finished;
    private long order;

    private final Supplier<Duration> holdOff;

    /** @param holdOff how long new requests must still wait (the download gate, closed during a flood wait) */
    FetchPool(TimeSource clock, DownloadPolicy policy, RunControl control, Fetcher fetcher, Supplier<Duration> holdOff) {
        this.clock = clock;
        this.policy = policy;
        this.control = control;
        this.fetcher = fetcher;
        this.holdOff = holdOff;
        this.monitor = clock.newMonitor();
    }

    /** Adds a selected file; waits while the pool has {@value #PENDING} waiting already. */
    void put(Work work) throws InterruptedException {
        monitor.lock();
        try {
            while (pending.size() >= PENDING && !control.stopped()) {
                monitor.await();
            }
            pending.add(work);
            monitor.signalAll();
        } finally {
            monitor.unlock();
        }
    }

    /** No more files will come. */
    void finish() {
        monitor.lock();
        try {
            finished = true;
            monitor.signalAll();
        } finally {
            monitor.unlock();
        }
    }

    /**
     * Runs until every file put in has ended (or the run stopped and every download in flight has
     * ended). Files still waiting when the run stops are handed to {@code leftOver}.
     */
    void run(Consumer<Work> leftOver) throws InterruptedException {
        boolean interrupted = false;
        monitor.lock();
        try {
            while (!control.stopped()) {
                Duration hold = holdOff.get();
                if (!hold.isZero() && !pending.isEmpty()) {
                    try {
                        monitor.awaitUntil(clock.deadline(hold));
                    } catch (InterruptedException e) {
                        interrupted = true;
                        break;
                    }
                    continue;
                }
                Work next = admissible();
                if (next != null) {
                    pending.remove(next);
                    monitor.signalAll();
                    Slot slot = new Slot(next, order++, nextPriority());
                    inFlight.add(slot);
                    monitor.unlock();
                    try {
                        policy.pace(parts(next.item().file().size()));
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } finally {
                        monitor.lock();
                    }
                    if (interrupted || control.stopped()) {
                        inFlight.remove(slot);
                        pending.addFirst(next);
                        break;
                    }
                    slot.thread = clock.startThread("tgdl-fetch-" + THREAD_NUMBER.getAndIncrement(), true, () -> {
                        boolean again = false;
                        try {
                            again = fetcher.fetch(slot, this);
                        } finally {
                            ended(slot, again);
                        }
                    });
                    continue;
                }
                if (pending.isEmpty() && finished && inFlight.isEmpty()) {
                    break;
                }
                try {
                    monitor.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
            // stopping: every download in flight is cancelled by its own thread; wait for all of them
            interruptInFlight();
            while (!inFlight.isEmpty()) {
                try {
                    monitor.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                    interruptInFlight();
                }
            }
            for (Work w : pending) {
                leftOver.accept(w);
            }
            pending.clear();
            monitor.signalAll();
        } finally {
            monitor.unlock();
        }
        if (interrupted && !control.stopped()) {
            throw new InterruptedException("fetch pool interrupted");
        }
    }

    private void interruptInFlight() {
        for (Slot s : inFlight) {
            if (s.thread != null) {
                clock.interrupt(s.thread);
            }
        }
    }

    /** The first waiting file the policy lets in now, if any (large files may let small ones pass). */
    private Work admissible() {
        if (inFlight.size() >= policy.maxFiles()) {
            return null;
        }
        long requested = 0;
        int large = 0;
        for (Slot s : inFlight) {
            requested += s.remaining;
            large += s.large() ? 1 : 0;
        }
        if (!inFlight.isEmpty() && requested >= policy.maxBytesInFlight()) {
            return null;
        }
        for (Iterator<Work> it = pending.iterator(); it.hasNext(); ) {
            Work w = it.next();
            if (w.item().file().size() <= LARGE_FILE || large < policy.maxLargeFiles()) {
                return w;
            }
        }
        return null;
    }

    /** The priority of a new request: below every file in flight, renumbering them when the levels run out. */
    private int nextPriority() {
        int lowest = 33;
        for (Slot s : inFlight) {
            lowest = Math.min(lowest, s.priority);
        }
        if (lowest > 1) {
            return lowest - 1;
        }
        int p = 32;
        for (Slot s : inFlight) { // in order of request: the oldest first
            s.priority = p--;
            if (s.download != null) {
                s.download.setPriority(s.priority);
            }
        }
        return p;
    }

    /** The download a slot runs now, requested at {@code requestedWith}; its priority follows renumbering. */
    void attach(Slot slot, Download download, int requestedWith) {
        monitor.lock();
        try {
            slot.download = download;
            if (download != null && slot.priority != requestedWith) {
                download.setPriority(slot.priority); // renumbered while it was being requested
            }
        } finally {
            monitor.unlock();
        }
    }

    /** The priority a slot's next request uses. */
    int priority(Slot slot) {
        monitor.lock();
        try {
            return slot.priority;
        } finally {
            monitor.unlock();
        }
    }

    /**
     * The policy allows more than before, though no file was put, moved or ended (a cap lifted by
     * another thread): the pool reads it again now instead of at the next such event.
     */
    void policyChanged() {
        monitor.lock();
        try {
            monitor.signalAll();
        } finally {
            monitor.unlock();
        }
    }

    /** A download moved: what it still needs changes what the pool may request. */
    void progress(Slot slot, long downloaded) {
        monitor.lock();
        try {
            long remaining = Math.max(0, slot.work.item().file().size() - downloaded);
            if (remaining < slot.remaining) {
                slot.remaining = remaining;
                monitor.signalAll();
            }
        } finally {
            monitor.unlock();
        }
    }

    private void ended(Slot slot, boolean again) {
        monitor.lock();
        try {
            inFlight.remove(slot);
            if (again) {
                pending.addFirst(slot.work); // first in line when requests may go out again
            }
            monitor.signalAll();
        } finally {
            monitor.unlock();
        }
    }

    /**
     * Cancels every download in flight and puts their files back first in line (their partial data
     * stays for the next request): what TDLib holds back for a flood wait, it sends again all at once
     * when the wait ends, and that herd alone can start the next, longer wait.
     */
    void shed() {
        monitor.lock();
        try {
            for (Slot s : inFlight) {
                s.shed = true;
                if (s.download != null) {
                    s.download.cancel();
                }
            }
        } finally {
            monitor.unlock();
        }
    }

    /** Whether the slot was shed (and clears the mark): its fetch then ends with the file put back. */
    boolean takeShed(Slot slot) {
        monitor.lock();
        try {
            boolean shed = slot.shed;
            slot.shed = false;
            return shed;
        } finally {
            monitor.unlock();
        }
    }

    /** TDLib's parts for a file of {@code size} bytes (64 KiB, doubled past 4000 parts, at most 512 KiB). */
    static int parts(long size) {
        long part = 64 << 10;
        while (part < 512 << 10 && (size + part - 1) / part > 4000) {
            part *= 2;
        }
        return (int) Math.max(1, (size + part - 1) / part);
    }
}
