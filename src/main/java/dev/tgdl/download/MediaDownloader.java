package dev.tgdl.download;

import dev.tgdl.telegram.Chat;
import dev.tgdl.telegram.MediaItem;
import dev.tgdl.telegram.ResolvedSource;
import dev.tgdl.telegram.SearchFilter;
import dev.tgdl.telegram.SourceRef;
import dev.tgdl.telegram.Telegram;
import dev.tgdl.telegram.TelegramException;
import dev.tgdl.time.Handoff;
import dev.tgdl.time.TimeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads the media of one or more chats as fast as the account allows and no faster.
 *
 * <p>Per source: resolve it, take up the items the ledger has pending or due, then scan the chat
 * (a producer on its own virtual thread, paging into a bounded queue, so memory stays flat) while
 * the consumer downloads in batches of max(5, 2 × workers), each a {@link BatchScope} with at most
 * {@link Throttle#workers()} downloads in flight. Before each download a worker passes the flood
 * gate, waits for its slot (starts are the controller's delay apart, jittered, across all workers)
 * and takes a token from the rate limiter. Outcomes
 * feed the controller: successes, explicit 429s, waits TDLib absorbed (a late first byte or a slow
 * call), and downloads TDLib stopped before their first byte (a wait longer than TDLib absorbs).
 *
 * <p>The engine knows only the {@link Telegram} port, a {@link FileSink}, a {@link Ledger} and a
 * {@link ProgressListener}; time comes from the injected {@link TimeSource}.
 */
public final class MediaDownloader {

    private static final Logger LOG = LoggerFactory.getLogger(MediaDownloader.class);
    /** What a download TDLib stopped before its first byte is taken for: a wait TDLib would not absorb. */
    static final Duration SUSPECTED_FLOOD = Duration.ofSeconds(61);
    /** The further pause when a download is stopped again right after a suspected wait's pause. */
    static final Duration PROBE_PAUSE = Duration.ofSeconds(15);
    /** Silent stops an item may see before they count as its failures. */
    private static final int SILENT_TRIES = 20;

    private final Telegram telegram;
    private final FileSink sink;
    private final Ledger ledger;
    private final ProgressListener listener;
    private final Throttle throttle;
    private final TimeSource clock;
    private final Jitter jitter;
    private final RunControl control;
    private final SizeCache sizes;
    private final DownloadOptions options;
    private final DownloadStats stats;
    private final RateLimiter limiter;
    private final FloodGate apiGate;
    private final FloodGate downloadGate;
    private final PacedCalls calls;
    private final Pacer pacer;
    private final LatencyTracker firstByte = new LatencyTracker(Duration.ofMillis(300));
    /**
     * Files queued or downloading, by unique id: a second message with the same file is recorded as
     * a duplicate of it rather than downloaded again, and the same message selected twice in one run
     * (a pending file of an interrupted run that the scan meets again) is queued once.
     */
    private final Map<String, Work> inFlight = new ConcurrentHashMap<>();
    private final Suspected suspected = new Suspected();

    /**
     * @param telegram the port to Telegram
     * @param sink     where files go
     * @param ledger   what was done before (the manifest), or {@link Ledger#NONE}
     * @param listener progress
     * @param throttle the controller
     * @param clock    tgdl's clock
     * @param random   randomness for jitter (seeded in tests and benchmarks)
     * @param control  stops the run from outside
     * @param sizes    the per-chat totals cache
     * @param options  the run
     */
    public MediaDownloader(Telegram telegram, FileSink sink, Ledger ledger, ProgressListener listener, Throttle throttle,
                           TimeSource clock, RandomGenerator random, RunControl control, SizeCache sizes,
                           DownloadOptions options) {
        this.telegram = telegram;
        this.sink = sink;
        this.ledger = ledger;
        this.listener = listener;
        this.throttle = throttle;
        this.clock = clock;
        this.jitter = Jitter.standard(random);
        this.control = control;
        this.sizes = sizes;
        this.options = options;
        this.stats = new DownloadStats(clock);
        this.limiter = new RateLimiter(clock, options.requestRate(), options.requestBurst());
        this.apiGate = new FloodGate(clock);
        this.downloadGate = new FloodGate(clock);
        this.calls = new PacedCalls(clock, telegram, limiter, apiGate, jitter, stats, listener, control,
                options.floodWaitCap(), options.maxRetries());
        this.pacer = new Pacer(clock, jitter);
    }

    /** The live counters (the progress view reads them). */
    public DownloadStats stats() {
        return stats;
    }

    /** The controller (the progress view shows its state). */
    public Throttle throttle() {
        return throttle;
    }

    /**
     * Runs every source. Returns the stats document; its exit code is left 0 for the caller to set
     * from {@link DownloadReport#stopped()} and {@link DownloadReport#hasFailures()}.
     */
    public DownloadReport run() throws InterruptedException {
        for (SourceRef ref : options.sources()) {
            if (control.stopped()) {
                break;
            }
            SourceStats source = stats.source(ref.text());
            try {
                ResolvedSource resolved = calls.call("resolve " + ref.text(), () -> telegram.resolve(ref, options.join()));
                Chat chat = resolved.chat();
                source.resolved(chat.id(), chat.displayName());
                ledger.resolved(chat);
                listener.sourceStarted(ref.text(), chat.displayName(), totals(chat));
                runSource(resolved, source);
            } catch (TelegramException e) {
                String reason = describe(ref, e);
                source.error(reason);
                listener.sourceFailed(ref.text(), reason);
                LOG.debug("source {} failed", ref.text(), e);
            } catch (StoppedException e) {
                break;
            }
        }
        StopReason stopped = control.reason().orElse(null);
        return stats.report(throttle.state(), throttle.name(), stopped, 0);
    }

    private static String describe(SourceRef ref, TelegramException e) {
        String why = switch (e.kind()) {
            case NOT_FOUND -> "not found (check the spelling, or use the invite link)";
            case ACCESS_DENIED -> "no access";
            case UNAUTHORIZED -> "not logged in";
            default -> "failed";
        };
        return ref.text() + ": " + why + " (" + e.getMessage() + ")";
    }

    private ChatTotals totals(Chat chat) {
        return sizes.totals(chat.id(), options.filter().types(), () -> {
            Optional<List<SearchFilter>> plan = SearchFilter.plan(options.filter().types());
            if (plan.isEmpty()) {
                return ChatTotals.UNKNOWN;
            }
            try {
                long files = 0;
                for (SearchFilter f : plan.get()) {
                    files += calls.call("count " + chat.displayName(), () -> telegram.count(chat, Optional.of(f)));
                }
                return new ChatTotals(files, OptionalLong.empty());
            } catch (TelegramException e) {
                return ChatTotals.UNKNOWN;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ChatTotals.UNKNOWN;
            }
        });
    }

    // ---------------------------------------------------------------- one source: producer and batches

    /** A file to download, with its reserved place and the source it came from. */
    private record Work(MediaItem item, Placement placement, SourceStats source) {
    }

    private static final Work END = new Work(null, null, null);

    private void runSource(ResolvedSource resolved, SourceStats source) throws InterruptedException {
        Chat chat = resolved.chat();
        Handoff<Work> queue = new Handoff<>(clock, 4 * 32 + 16);
        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        AtomicLong selected = new AtomicLong();
        AtomicLong selectedBytes = new AtomicLong();
        Runnable scan = () -> {
            try {
                Scanner.Sink accept = item -> select(item, source, queue, selected, selectedBytes);
                for (Ledger.Due due : ledger.due(chat)) {
                    takeUpDue(chat, due, source, accept);
                }
                if (resolved.onlyMessage().isPresent()) {
                    List<MediaItem> items = calls.call("message " + resolved.ref().text(),
                            () -> telegram.messageWithAlbum(chat, resolved.onlyMessage().get()));
                    for (MediaItem item : items) {
                        if (options.filter().accepts(item)) {
                            source.matched.incrementAndGet();
                            accept.accept(item);
                        }
                    }
                } else {
                    new Scanner(calls, telegram, ledger, options.filter(), options.full()).scan(chat, source, accept, n -> {
                        stats.skipped.addAndGet(n);
                        source.skipped.addAndGet(n);
                    });
                    if (!control.stopped() && options.filter().limit().isEmpty()) {
                        sizes.recordBytes(chat.id(), options.filter().types(), selected.get(), selectedBytes.get());
                    }
                }
            } catch (StoppedException e) {
                // the run is stopping: what was selected stays pending in the ledger
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                producerFailure.set(t);
            } finally {
                // a stopped run's consumer no longer reads the queue: never block on it then
                while (!control.stopped()) {
                    try {
                        if (queue.offer(END, clock.deadline(Duration.ofMillis(50)))) {
                            break;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        };
        Thread consumer = Thread.currentThread();
        Thread producer = clock.startThread("tgdl-scan", true, scan);
        Runnable interruptAll = () -> {
            clock.interrupt(producer);
            clock.interrupt(consumer);
        };
        control.onStop(interruptAll);
        try {
            consume(queue);
        } catch (InterruptedException e) {
            if (!control.stopped()) {
                throw e;
            }
        } finally {
            control.removeOnStop(interruptAll);
            if (control.stopped()) {
                // the stop interrupted this thread to cut its waits short; the clean-up below must not be cut
                Thread.interrupted();
                clock.interrupt(producer);
            }
            joinUninterruptibly(producer);
            // whatever was selected but not started keeps its pending ledger row for the next run
            Work left;
            while ((left = queue.poll().orElse(null)) != null) {
                if (left != END) {
                    sink.release(left.placement());
                    inFlight.remove(left.item().file().uniqueId(), left);
                }
            }
        }
        Throwable failure = producerFailure.get();
        if (failure instanceof TelegramException e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException("scanning " + chat.displayName() + " failed", failure);
        }
    }

    private void takeUpDue(Chat chat, Ledger.Due due, SourceStats source, Scanner.Sink accept) throws InterruptedException {
        List<MediaItem> media;
        try {
            media = calls.call("message " + chat.displayName() + "/" + due.messageId(),
                    () -> telegram.message(chat, due.messageId()));
        } catch (TelegramException e) {
            if (e.kind() == TelegramException.Kind.NOT_FOUND) {
                ledger.vanished(due, "the message is gone");
                return;
            }
            throw e;
        }
        Optional<MediaItem> item = media.stream().filter(m -> m.file().uniqueId().equals(due.uniqueId())).findFirst();
        if (item.isEmpty()) {
            ledger.vanished(due, "the message no longer has that file");
            return;
        }
        source.matched.incrementAndGet();
        accept.accept(item.get());
    }

    /** Decides what to do with a selected item; runs on the producer, one item at a time. */
    private boolean select(MediaItem item, SourceStats source, Handoff<Work> queue, AtomicLong selected,
                           AtomicLong selectedBytes) throws InterruptedException {
        if (control.stopped()) {
            throw new StoppedException();
        }
        Work queued = inFlight.get(item.file().uniqueId());
        if (queued != null && queued.item().chat().id() == item.chat().id() && queued.item().messageId() == item.messageId()) {
            // already queued in this run: recording it as a duplicate of itself would overwrite its
            // pending row, and a run stopped before the download would then never fetch it
            return true;
        }
        if (options.filter().limit().isPresent() && selected.get() >= options.filter().limit().getAsLong()) {
            return false;
        }
        selected.incrementAndGet();
        selectedBytes.addAndGet(item.file().size());
        String uniqueId = item.file().uniqueId();
        Optional<Ledger.Done> done = ledger.done(item);
        if (done.isPresent() && isComplete(done.get().path(), item.file().size())) {
            skipped(item, source, "already archived at " + done.get().path());
            return true;
        }
        Placement placement;
        try {
            placement = sink.place(item);
        } catch (IOException | RuntimeException e) {
            fail(item, source, "cannot place the file: " + e.getMessage(), true);
            return true;
        }
        if (placement.present()) {
            sink.release(placement);
            ledger.alreadyPresent(item, placement.target(), item.file().size());
            skipped(item, source, "already on disk at " + placement.target());
            return true;
        }
        Optional<Path> copy = ledger.archivedCopy(uniqueId)
                .filter(c -> isComplete(c.path(), item.file().size())).map(Ledger.Done::path)
                .or(() -> Optional.ofNullable(inFlight.get(uniqueId)).map(w -> w.placement().target()));
        if (copy.isPresent()) {
            duplicate(item, source, placement, copy.get());
            return true;
        }
        stats.planned.incrementAndGet();
        stats.plannedBytes.addAndGet(item.file().size());
        listener.planned(item, placement.target());
        if (options.dryRun()) {
            sink.release(placement);
            return true;
        }
        ledger.queued(item, placement.target());
        Work work = new Work(item, placement, source);
        inFlight.put(uniqueId, work);
        queue.put(work);
        return true;
    }

    /** A second message with a file already archived (or being downloaded): recorded, or linked when asked. */
    private void duplicate(MediaItem item, SourceStats source, Placement placement, Path copy) {
        if (options.linkDuplicates() && !options.dryRun() && Files.isRegularFile(copy)) {
            try {
                Path linked = sink.link(item, placement, copy);
                ledger.alreadyPresent(item, linked, item.file().size());
                skipped(item, source, "linked to " + copy);
                return;
            } catch (IOException | RuntimeException e) {
                LOG.debug("cannot link {} to {}", item.describe(), copy, e);
            }
        }
        sink.release(placement);
        ledger.duplicate(item, copy);
        skipped(item, source, "same file as " + copy);
    }

    private static boolean isComplete(Path path, long size) {
        try {
            return Files.isRegularFile(path) && (size <= 0 || Files.size(path) == size);
        } catch (IOException e) {
            return false;
        }
    }

    private void consume(Handoff<Work> queue) throws InterruptedException {
        boolean end = false;
        while (!end && !control.stopped()) {
            int workers = throttle.workers();
            int batchSize = Math.max(5, 2 * workers);
            List<Work> batch = new ArrayList<>(batchSize);
            Work first = queue.take();
            if (first == END) {
                break;
            }
            if (control.stopped()) {
                sink.release(first.placement());
                inFlight.remove(first.item().file().uniqueId(), first);
                break;
            }
            batch.add(first);
            while (batch.size() < batchSize) {
                Work next = queue.poll().orElse(null);
                if (next == null) {
                    break;
                }
                if (next == END) {
                    end = true;
                    break;
                }
                batch.add(next);
            }
            BatchScope.run(clock, batch, workers, this::download);
        }
    }

    // ---------------------------------------------------------------- one file

    private void download(Work work) {
        MediaItem item = work.item();
        SourceStats source = work.source();
        try {
            downloadWithRetries(work, source);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sink.release(work.placement());
        } catch (RuntimeException e) {
            LOG.error("downloading {} failed unexpectedly", item.describe(), e);
            sink.release(work.placement());
            fail(item, source, "unexpected error: " + e, false);
        } finally {
            inFlight.remove(item.file().uniqueId(), work);
        }
    }

    private void downloadWithRetries(Work work, SourceStats source) throws InterruptedException {
        MediaItem item = work.item();
        int failures = 0;
        int silent = 0;
        Duration backoff = Duration.ZERO;
        String lastError = "";
        while (true) {
            if (control.stopped()) {
                sink.release(work.placement());
                return;
            }
            downloadGate.pass();
            pacer.pass(throttle.delay());
            limiter.acquire();
            if (control.stopped()) {
                sink.release(work.placement());
                return;
            }
            stats.attempts.incrementAndGet();
            stats.requests.incrementAndGet();
            throttle.onRequest();
            listener.started(item);
            Transfer transfer = new Transfer(clock, telegram, control, options.stallTimeout());
            long started = clock.nanos();
            Object hold = new Object();
            Transfer.LateStart late = new Transfer.LateStart() {
                @Override
                public void late(Duration waited) {
                    // TDLib may be holding this download back for a flood wait: send nothing more until
                    // it moves. Whether it was a wait is known only then (a stalled download looks the
                    // same until it is cancelled), so the controller hears of it in observeFirstByte.
                    downloadGate.hold(hold, started, Duration.ofSeconds(60));
                }

                @Override
                public void firstByte() {
                    downloadGate.release(hold);
                    // a later request moving means the earlier silent ones are not held by a flood wait
                    downloadGate.started(started);
                }

                @Override
                public void ended() {
                    downloadGate.release(hold);
                }
            };
            try {
                Transfer.Result result = transfer.run(item, listener, stats, lateAfter(), late);
                observeFirstByte(result);
                if (place(work, source, result.path())) {
                    // the download's own time: a wait it sat out before its first byte is not service time
                    Duration service = clock.since(started).minus(result.timeToFirstByte()).plus(firstByte.typical());
                    throttle.onSuccess(service);
                }
                return;
            } catch (Transfer.Aborted aborted) {
                if (aborted.failure == Transfer.Failure.STOPPED) {
                    sink.release(work.placement());
                    listener.finished(item, ProgressListener.Outcome.CANCELLED, "run stopped");
                    return;
                }
                stats.stalls.incrementAndGet();
                lastError = aborted.getMessage();
            } catch (TelegramException e) {
                if (e.kind() == TelegramException.Kind.FLOOD_WAIT) {
                    Duration wait = e.retryAfter().orElse(SUSPECTED_FLOOD);
                    stats.flood(wait, true);
                    throttle.onFlood(wait);
                    listener.floodWait(wait, true);
                    if (wait.compareTo(options.floodWaitCap()) > 0) {
                        control.stop(StopReason.FLOOD_WAIT_CAP, "Telegram asked to wait " + wait.toSeconds() + " s");
                        sink.release(work.placement());
                        return;
                    }
                    downloadGate.close(jitter.apply(wait));
                    continue;
                }
                if (!e.isRetryable()) {
                    sink.release(work.placement());
                    fail(item, source, e.getMessage(), true);
                    return;
                }
                lastError = e.getMessage();
                if (transfer.bytesSeen() == 0 && telegram.isConnected()) {
                    // most likely a wait TDLib would not absorb: the paused gate is the back-off, and
                    // the item is not to blame, unless it keeps failing long after waits would be over
                    suspectFlood(item);
                    if (++silent <= SILENT_TRIES) {
                        continue;
                    }
                }
            }
            failures++;
            if (failures > options.maxRetries()) {
                sink.release(work.placement());
                fail(item, source, lastError + " (after " + failures + " attempts)", false);
                return;
            }
            backoff = calls.nextBackoff(backoff);
            stats.retries.incrementAndGet();
            listener.finished(item, ProgressListener.Outcome.RETRYING, lastError);
            clock.sleep(backoff);
        }
    }

    /**
     * TDLib stopped a download before its first byte, with the connection up: most likely a flood
     * wait longer than TDLib absorbs, whose length TDLib does not tell. One such wait is one episode,
     * however many downloads it stops: the first pauses every download for {@link #SUSPECTED_FLOOD}
     * (a wait TDLib did not absorb is longer than that) and tells the controller; a download that
     * is stopped again right after the pause means the wait is still running, and pauses
     * {@link #PROBE_PAUSE} more, so the pause overshoots the real wait by at most that much.
     */
    private void suspectFlood(MediaItem item) {
        long now = clock.nanos();
        Duration pause;
        boolean episode;
        synchronized (suspected) {
            if (now < suspected.until) {
                return; // stopped by the wait already being paused for
            }
            episode = suspected.until == Long.MIN_VALUE || now - suspected.until > PROBE_PAUSE.toNanos();
            pause = jitter.apply(episode ? SUSPECTED_FLOOD : PROBE_PAUSE);
            suspected.until = now + pause.toNanos();
        }
        if (episode) {
            stats.flood(SUSPECTED_FLOOD, false);
            throttle.onFlood(SUSPECTED_FLOOD);
            listener.floodWait(pause, false);
        }
        listener.note("TDLib stopped " + item.describe() + " before its first byte"
                + (episode ? ", most likely for a flood wait: " : ", the wait is not over: ")
                + "pausing downloads " + pause.toSeconds() + " s");
        downloadGate.close(pause);
    }

    /** When the pause for a suspected flood wait ends; a success after it ends the episode. */
    private static final class Suspected {
        long until = Long.MIN_VALUE;
    }

    /**
     * When a first byte is late enough to mean a flood wait: well above the usual, never under a
     * second, and never under 50 ms of real time (a faster clock must not mistake scheduling noise
     * for a wait).
     */
    private Duration lateAfter() {
        Duration floor = Duration.ofSeconds(1);
        Duration typical = firstByte.typical().multipliedBy(4);
        return typical.compareTo(floor) < 0 ? floor : typical;
    }

    private void observeFirstByte(Transfer.Result result) {
        Duration ttfb = result.timeToFirstByte();
        if (!result.outage() && (result.reportedLate() || ttfb.compareTo(lateAfter()) > 0)) {
            Duration wait = ttfb.minus(firstByte.typical());
            stats.flood(wait, false);
            throttle.onFlood(wait);
            listener.floodWait(wait, false);
        } else if (!result.outage()) {
            firstByte.record(ttfb);
        }
    }

    /** Moves the finished file into place and records it; false when it could not be placed. */
    private boolean place(Work work, SourceStats source, Path downloaded) {
        MediaItem item = work.item();
        Path target;
        long size;
        try {
            target = sink.commit(item, work.placement(), downloaded);
            size = Files.size(target);
        } catch (IOException | RuntimeException e) {
            sink.release(work.placement());
            fail(item, source, "cannot place the file at " + work.placement().target() + ": " + e.getMessage(), false);
            return false;
        }
        ledger.downloaded(item, target, size);
        telegram.discardLocalCopy(item.file());
        synchronized (suspected) {
            // a download that was already running may finish during the pause: the episode ends
            // only once the pause is over, or the next stop in it would start a second one
            if (clock.nanos() >= suspected.until) {
                suspected.until = Long.MIN_VALUE;
            }
        }
        stats.successes.incrementAndGet();
        stats.bytes.addAndGet(size);
        source.downloaded.incrementAndGet();
        source.bytes.addAndGet(size);
        listener.finished(item, ProgressListener.Outcome.DOWNLOADED, target.toString());
        return true;
    }

    private void skipped(MediaItem item, SourceStats source, String reason) {
        stats.skipped.incrementAndGet();
        source.skipped.incrementAndGet();
        listener.finished(item, ProgressListener.Outcome.SKIPPED, reason);
    }

    private void fail(MediaItem item, SourceStats source, String error, boolean permanent) {
        ledger.failed(item, error, permanent);
        stats.failed.incrementAndGet();
        source.failed.incrementAndGet();
        listener.finished(item, ProgressListener.Outcome.FAILED, error);
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
