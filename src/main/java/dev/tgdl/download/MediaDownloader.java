package dev.tgdl.download;

import dev.tgdl.pacing.FloodGate;
import dev.tgdl.pacing.Jitter;
import dev.tgdl.pacing.LearnedRate;
import dev.tgdl.pacing.PacedTelegram;
import dev.tgdl.pacing.RunControl;
import dev.tgdl.pacing.StopReason;
import dev.tgdl.pacing.StoppedException;
import dev.tgdl.telegram.Chat;
import dev.tgdl.telegram.MediaItem;
import dev.tgdl.telegram.MessageThread;
import dev.tgdl.telegram.ResolvedSource;
import dev.tgdl.telegram.SearchFilter;
import dev.tgdl.telegram.SourceRef;
import dev.tgdl.telegram.Telegram;
import dev.tgdl.telegram.TelegramException;
import dev.tgdl.time.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads the media of one or more chats as fast as the account allows and no faster.
 *
 * <p>Four stages, each with one owner. Per source: <b>scan</b> ({@link Scanner}: the chat's pages,
 * newest first, streamed) and <b>select</b> ({@link Selection}: dedup, ledger, filters, a reserved
 * place) on a scan thread; <b>fetch</b> ({@link FetchPool}, {@link FileFetch}: one virtual thread a
 * file, as many as the {@link DownloadPolicy} lets in, watched on a {@link ProgressBoard}); <b>place</b>
 * ({@link Placer}). Every call to Telegram passes one decorator, {@link PacedTelegram}: the API gate
 * and learned API rate, the download gate, 429s, retries. What is learned about the limits (the API
 * rate, each chat's part rate) is kept in the ledger for the next run.
 *
 * <p>The engine knows only the {@link Telegram} port, a {@link FileSink}, a {@link Ledger} and a
 * {@link ProgressListener}; time comes from the injected {@link TimeSource}.
 */
public final class MediaDownloader {

    private static final Logger LOG = LoggerFactory.getLogger(MediaDownloader.class);
    static final String API_RATE = "api";
    /** A pause this short after Telegram's speed-limit notice is the speed limit, not a flood wait. */
    static final Duration SPEED_LIMIT_PAUSE = Duration.ofSeconds(16);
    /** How long new requests wait after a pause of downloads that had not moved before it. */
    static final Duration UNMOVED_RETRY = Duration.ofSeconds(1);

    private final Telegram raw;
    private final FileSink sink;
    private final Ledger ledger;
    private final ProgressListener listener;
    private final TimeSource clock;
    private final Jitter jitter;
    private final RunControl control;
    private final SizeCache sizes;
    private final DownloadOptions options;
    private final DownloadStats stats;
    private final LearnedRate apiRate;
    private final FloodGate downloadGate;
    private final Telegram telegram;
    private final Outcomes outcomes;
    private final Selection selection;
    private final AtomicReference<DownloadPolicy> policy = new AtomicReference<>();
    /** The pool of the source running now, told when the speed limit lifts the policy's byte cap. */
    private final AtomicReference<FetchPool> activePool = new AtomicReference<>();
    private final AtomicBoolean speedLimited = new AtomicBoolean();

    /**
     * @param telegram the port to Telegram (the engine paces it itself)
     * @param sink     where files go
     * @param ledger   what was done before (the manifest), or {@link Ledger#NONE}
     * @param listener progress
     * @param clock    tgdl's clock
     * @param random   randomness for jitter (seeded in tests and benchmarks)
     * @param control  stops the run from outside
     * @param sizes    the per-chat totals cache
     * @param options  the run
     */
    public MediaDownloader(Telegram telegram, FileSink sink, Ledger ledger, ProgressListener listener, TimeSource clock,
                           RandomGenerator random, RunControl control, SizeCache sizes, DownloadOptions options) {
        this(telegram, sink, ledger, listener, clock, random, control, sizes, options, MessageExport.NONE);
    }

    /**
     * @param export receives every message the scan looks at, with its files ({@code --export});
     *               {@link MessageExport#NONE} for none
     */
    public MediaDownloader(Telegram telegram, FileSink sink, Ledger ledger, ProgressListener listener, TimeSource clock,
                           RandomGenerator random, RunControl control, SizeCache sizes, DownloadOptions options,
                           MessageExport export) {
        this.raw = telegram;
        this.sink = sink;
        this.ledger = ledger;
        this.listener = listener;
        this.clock = clock;
        this.jitter = Jitter.standard(random);
        this.control = control;
        this.sizes = sizes;
        this.options = options;
        this.stats = new DownloadStats(clock);
        // the configured request rate paces until a wait teaches more; it is not itself learned
        this.apiRate = new LearnedRate(clock, ledger.learnedRate(API_RATE), options.requestRate(), 0.2,
                Math.max(1, options.requestBurst()));
        this.downloadGate = new FloodGate(clock);
        this.telegram = new PacedTelegram(telegram, clock, jitter, apiRate, downloadGate, control, options.floodWaitCap(),
                options.maxRetries(), new PacedTelegram.Events() {
                    @Override
                    public void request() {
                        stats.requests.incrementAndGet();
                    }

                    @Override
                    public void flood(Duration wait, boolean explicit, String what) {
                        stats.flood(wait, explicit);
                        listener.floodWait(wait, explicit);
                        listener.note(what + ": flood wait " + wait.toSeconds() + " s" + (explicit ? "" : " (absorbed by TDLib)"));
                    }

                    @Override
                    public void retry(String what, String error, Duration backoff) {
                        stats.retries.incrementAndGet();
                        listener.note(what + ": " + error + "; retrying in " + backoff.toSeconds() + " s");
                    }
                });
        this.outcomes = new Outcomes(ledger, stats, listener, new ExportTracker(export));
        this.selection = new Selection(sink, ledger, options, stats, listener, outcomes);
        this.policy.set(Policies.create(options.policy(), clock, jitter, Policies.Start.FRESH));
    }

    /** The live counters (the progress view reads them). */
    public DownloadStats stats() {
        return stats;
    }

    /** The policy of the source being downloaded (the progress view shows its state). */
    public DownloadPolicy policy() {
        return policy.get();
    }

    /**
     * Runs every source and returns the stats document.
     */
    public DownloadReport run() throws InterruptedException {
        Runnable speedLimit = () -> {
            if (speedLimited.compareAndSet(false, true)) {
                stats.speedLimited.set(true);
                policy.get().onSpeedLimit();
                FetchPool running = activePool.get();
                if (running != null) {
                    running.policyChanged(); // the byte cap is lifted: more may be requested now
                }
                listener.note("Telegram limits this account's download speed (no Premium): downloads go on, slower");
            }
        };
        raw.onSpeedLimit(speedLimit);
        boolean premium = premium();
        for (SourceRef ref : options.sources()) {
            if (control.stopped()) {
                break;
            }
            SourceStats source = stats.source(ref.text());
            try {
                ResolvedSource resolved = resolve(ref);
                Chat chat = resolved.chat();
                source.resolved(chat.id(), chat.displayName());
                SourceScope scope = SourceScope.of(telegram, resolved, options);
                ledger.resolved(chat);
                scope.comments().ifPresent(ledger::resolved);
                listener.sourceStarted(ref.text(), chat.displayName(),
                        scope.topic().isPresent() || scope.comments().isPresent() ? ChatTotals.UNKNOWN : totals(chat));
                runSource(resolved, scope, source, premium);
            } catch (SourceProblem e) {
                String reason = ref.text() + ": " + e.getMessage();
                source.error(reason);
                listener.sourceFailed(ref.text(), reason);
            } catch (TelegramException e) {
                String reason = describe(ref, e);
                source.error(reason);
                listener.sourceFailed(ref.text(), reason);
                LOG.debug("source {} failed", ref.text(), e);
            } catch (StoppedException e) {
                break;
            }
        }
        // tgdl watch runs many engines on one session: a finished one must not be kept alive by its listener
        raw.removeSpeedLimitListener(speedLimit);
        apiRate.learned().ifPresent(rate -> ledger.learnedRate(API_RATE, rate));
        StopReason stopped = control.reason().orElse(null);
        DownloadPolicy last = policy.get();
        return stats.report(last.state(), last.name(), stopped, control.detail());
    }

    private boolean premium() {
        try {
            return raw.me().premium();
        } catch (TelegramException e) {
            return false;
        }
    }

    /**
     * A source as the engine needs it. A username this profile resolved before is looked up by the chat
     * id it had (a local call to TDLib's chat database), not resolved again: the server's username
     * resolution is the account's most expensive call.
     */
    private ResolvedSource resolve(SourceRef ref) {
        if (ref instanceof SourceRef.Username u) {
            OptionalLong known = ledger.chatIdOf(u.username());
            if (known.isPresent()) {
                Optional<Chat> chat = telegram.knownChat(known.getAsLong());
                if (chat.isPresent()) {
                    return new ResolvedSource(ref, chat.get(), Optional.empty());
                }
            }
        }
        return telegram.resolve(ref, options.join());
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
                    files += telegram.count(chat, Optional.of(f));
                }
                return new ChatTotals(files, OptionalLong.empty());
            } catch (TelegramException e) {
                return ChatTotals.UNKNOWN;
            }
        });
    }

    // ---------------------------------------------------------------- one source: scan and fetch

    private void runSource(ResolvedSource resolved, SourceScope scope, SourceStats source, boolean premium)
            throws InterruptedException {
        Chat chat = resolved.chat();
        String partKey = "parts:" + chat.id();
        DownloadPolicy sourcePolicy = Policies.create(options.policy(), clock, jitter,
                new Policies.Start(premium, ledger.learnedRate(partKey)));
        policy.set(sourcePolicy);
        if (speedLimited.get()) {
            sourcePolicy.onSpeedLimit();
        }
        AtomicReference<FetchPool> pools = new AtomicReference<>();
        ProgressBoard board = new ProgressBoard(clock, raw::isConnected, options.stallTimeout(), new ProgressBoard.PauseListener() {
            @Override
            public void started(Duration silence, boolean moving) {
                if (!sourcePolicy.shedsOnPause()) {
                    return; // it waits the pause out, and hears of it when it ends
                }
                // what is in flight would come back all at once when the wait ends: cancel it, hold new
                // requests as long again, and start over at the rate the policy now allows
                if (speedLimited.get() && silence.compareTo(SPEED_LIMIT_PAUSE) < 0) {
                    return; // the speed limit holds parts back for seconds: not a flood wait, nothing to shed
                }
                // requests that never moved are as likely hung as held back (one stalled file at the end of a
                // run looks the same): ask again soon; a pause after movement is a wait and is held as long
                downloadGate.close(jitter.apply(moving ? silence : UNMOVED_RETRY));
                pools.get().shed();
                if (moving) {
                    flood(silence, clock.nanos() - silence.toNanos(),
                            "downloads paused " + silence.toSeconds() + " s: a flood wait; asking for them again, slower");
                } else {
                    listener.note("downloads made no progress for " + silence.toSeconds() + " s: asking for them again");
                }
            }

            @Override
            public void ended(Duration pause) {
                if (sourcePolicy.shedsOnPause() || speedLimited.get() && pause.compareTo(SPEED_LIMIT_PAUSE) < 0) {
                    return; // the speed limit slows parts down; it is not a wait on the account
                }
                flood(pause, clock.nanos() - pause.toNanos(), "downloads paused " + pause.toSeconds()
                        + " s: a flood wait TDLib sat out");
            }

            private void flood(Duration wait, long began, String note) {
                stats.flood(wait, false);
                sourcePolicy.onFlood(wait, began);
                listener.floodWait(wait, false);
                listener.note(note);
            }
        });
        FileFetch fetch = new FileFetch(clock, telegram, sourcePolicy, board, downloadGate, control, stats, listener,
                outcomes, new Placer(raw, outcomes), selection, jitter, options);
        FetchPool pool = new FetchPool(clock, sourcePolicy, control, fetch, downloadGate::remaining);
        pools.set(pool);
        activePool.set(pool);
        AtomicReference<Throwable> scanFailure = new AtomicReference<>();
        CompletableFuture<Void> scanned = new CompletableFuture<>();
        Selection.Counts counts = new Selection.Counts();
        Thread scanner = clock.startThread("tgdl-scan", true, () -> {
            try {
                scan(resolved, scope, source, pool, counts);
            } catch (StoppedException e) {
                // the run is stopping: what was selected stays pending in the ledger
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                scanFailure.set(t);
            } finally {
                pool.finish();
                scanned.complete(null);
            }
        });
        StopInterrupts interruptAll = new StopInterrupts(clock, scanner, Thread.currentThread());
        control.onStop(interruptAll);
        try {
            // whatever was selected but not requested keeps its pending ledger row for the next run
            pool.run(work -> {
                work.reservation().close();
                selection.ended(work);
            });
        } finally {
            control.removeOnStop(interruptAll);
            interruptAll.end();
            if (control.stopped()) {
                Thread.interrupted(); // the stop cut this thread's waits short; the clean-up below must not be cut
                clock.interrupt(scanner);
            }
            awaitUninterruptibly(scanned);
            outcomes.export().flush(); // messages left for a later run are exported with no files
            sourcePolicy.learnedPartRate().ifPresent(rate -> ledger.learnedRate(partKey, rate));
        }
        Throwable failure = scanFailure.get();
        if (failure instanceof TelegramException e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException("scanning " + chat.displayName() + " failed", failure);
        }
    }

    /**
     * The scan thread: items due for retry (of the scope's topic only, and of the discussion group with
     * comments), then the chat's messages (or the one linked message).
     */
    private void scan(ResolvedSource resolved, SourceScope scope, SourceStats source, FetchPool pool,
                      Selection.Counts counts) throws InterruptedException {
        Chat chat = resolved.chat();
        SourceScope.TopicNames topics = new SourceScope.TopicNames(telegram, chat, scope.topic());
        Scanner.Sink accept = found -> {
            if (control.stopped()) {
                throw new StoppedException();
            }
            MediaItem item = topics.name(found);
            Optional<Work> work = selection.select(item, source, counts);
            if (work.isPresent()) {
                pool.put(work.get());
            }
            return !selection.limitReached(counts);
        };
        for (Ledger.Due due : ledger.due(chat)) {
            takeUpDue(chat, due, source, accept, item -> scope.topic().isEmpty()
                    || item.thread() instanceof MessageThread.Topic(long id, _) && id == scope.topic().get().id());
        }
        if (scope.comments().isPresent()) {
            for (Ledger.Due due : ledger.due(scope.comments().get())) {
                takeUpDue(scope.comments().get(), due, source, accept, item -> true);
            }
        }
        if (resolved.onlyMessage().isPresent()) {
            for (MediaItem item : telegram.messageWithAlbum(chat, resolved.onlyMessage().get())) {
                if (options.filter().accepts(item)) {
                    source.matched.incrementAndGet();
                    accept.accept(item);
                }
            }
            return;
        }
        new Scanner(telegram, ledger, options.filter(), options.full(), outcomes).scan(chat, scope, source, accept, n -> {
            stats.skipped.addAndGet(n);
            source.skipped.addAndGet(n);
        });
        if (!control.stopped() && options.filter().limit().isEmpty()) {
            sizes.recordBytes(chat.id(), options.filter().types(), counts.selected, counts.selectedBytes);
        }
    }

    /**
     * Takes up an item left pending or due for retry, when {@code inScope} (a topic run leaves the other
     * topics' items for the runs that take them).
     */
    private void takeUpDue(Chat chat, Ledger.Due due, SourceStats source, Scanner.Sink accept,
                           Predicate<MediaItem> inScope) throws InterruptedException {
        List<MediaItem> media;
        try {
            media = telegram.message(chat, due.messageId());
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
        if (!inScope.test(item.get())) {
            return;
        }
        source.matched.incrementAndGet();
        accept.accept(item.get());
    }

    /**
     * Interrupts a source's scan and fetch threads when the run stops, until {@link #end}. The stop runs
     * on whichever thread first sees it (a fetch worker past the deadline, say), from a snapshot of the
     * stop actions: removing this one does not keep that thread from interrupting the fetch thread late,
     * after it has cleared its flag, and the flag then leaks into whatever its caller runs next (the next
     * command run in the same thread failed on its first wait). Once {@code end} returns, no interrupt of
     * this one is on its way.
     */
    private static final class StopInterrupts implements Runnable {

        private final TimeSource clock;
        private final Thread scanner;
        private final Thread fetcher;
        private boolean ended;

        StopInterrupts(TimeSource clock, Thread scanner, Thread fetcher) {
            this.clock = clock;
            this.scanner = scanner;
            this.fetcher = fetcher;
        }

        @Override
        public synchronized void run() {
            if (!ended) {
                clock.interrupt(scanner);
                clock.interrupt(fetcher);
            }
        }

        /** Waits for an interrupt being delivered, and delivers none after. */
        synchronized void end() {
            ended = true;
        }
    }

    /** Waits (on the clock: the thread waited for may itself wait on it) without giving up on an interrupt. */
    private void awaitUninterruptibly(CompletableFuture<Void> done) {
        boolean interrupted = false;
        while (true) {
            try {
                clock.await(done);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
