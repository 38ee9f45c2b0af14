package dev.tgdl.pacing;

import dev.tgdl.telegram.Account;
import dev.tgdl.telegram.Chat;
import dev.tgdl.telegram.ChatSummary;
import dev.tgdl.telegram.Download;
import dev.tgdl.telegram.DownloadListener;
import dev.tgdl.telegram.ForumTopic;
import dev.tgdl.telegram.MediaItem;
import dev.tgdl.telegram.MediaPage;
import dev.tgdl.telegram.PageRequest;
import dev.tgdl.telegram.RemoteFile;
import dev.tgdl.telegram.ResolvedSource;
import dev.tgdl.telegram.SearchFilter;
import dev.tgdl.telegram.SourceRef;
import dev.tgdl.telegram.Telegram;
import dev.tgdl.telegram.TelegramException;
import dev.tgdl.time.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one call point between the engine and Telegram: every request passes here, paced and
 * watched, whatever asks for it (the scanner, the workers, a resolve). It is the {@link Telegram}
 * port again, so the engine does not know it is there.
 *
 * <p>API calls (resolve, the chat list, history, counts, messages): the API gate (closed while a flood wait of the
 * account runs) → the learned API rate → the call, timed. A call TDLib held back (far slower than
 * usual, connected all along) was a flood wait TDLib absorbed; a 429 closes the gate for its seconds
 * and the call is made again; a wait above the cap stops the run instead (resumable). Transient
 * failures are retried after {@link Backoff}. Downloads: the download gate, then the request;
 * what a download meets later is the engine's to watch ({@code FileFetch}).
 */
public final class PacedTelegram implements Telegram {

    /** A call slower than this, and than {@link #SLOW_FACTOR} × its usual time, was held back by TDLib. */
    static final Duration SLOW_FLOOR = Duration.ofSeconds(3);
    static final double SLOW_FACTOR = 4.0;

    /** What the decorator reports: requests, flood waits and retries, for stats, logs and the controller. */
    public interface Events {
        /** A request went out. */
        void request();

        /** Telegram imposed a wait: {@code explicit} for a 429, else a wait TDLib absorbed. */
        void flood(Duration wait, boolean explicit, String what);

        /** A transient failure, retried after {@code backoff}. */
        void retry(String what, String error, Duration backoff);
    }

    private final Telegram delegate;
    private final TimeSource clock;
    private final Jitter jitter;
    private final Backoff backoff;
    private final LearnedRate apiRate;
    private final FloodGate apiGate;
    private final FloodGate downloadGate;
    private final RunControl control;
    private final Duration floodWaitCap;
    private final int maxRetries;
    private final Events events;
    private final LatencyTracker latency = new LatencyTracker(Duration.ofMillis(300));

    /**
     * @param apiRate      the pace of API calls
     * @param downloadGate closed by the engine while downloads wait out a flood
     * @param floodWaitCap a wait above this stops the run
     * @param maxRetries   transient failures of one call retried at most
     */
    public PacedTelegram(Telegram delegate, TimeSource clock, Jitter jitter, LearnedRate apiRate, FloodGate downloadGate,
                         RunControl control, Duration floodWaitCap, int maxRetries, Events events) {
        this.delegate = delegate;
        this.clock = clock;
        this.jitter = jitter;
        this.backoff = new Backoff(jitter);
        this.apiRate = apiRate;
        this.apiGate = new FloodGate(clock);
        this.downloadGate = downloadGate;
        this.control = control;
        this.floodWaitCap = floodWaitCap;
        this.maxRetries = maxRetries;
        this.events = events;
    }

    /**
     * Makes one API call, paced and retried.
     *
     * @throws TelegramException for failures that retrying cannot fix, or after the retries
     * @throws StoppedException  when the run was stopped (by the user, the cap or the duration limit)
     */
    private <T> T call(String what, Supplier<T> call) {
        int failures = 0;
        Duration wait = Duration.ZERO;
        while (true) {
            if (control.stopped()) {
                throw new StoppedException();
            }
            try {
                apiGate.pass();
                apiRate.acquire(1);
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
            events.request();
            boolean connected = delegate.isConnected();
            long start = clock.nanos();
            try {
                T result = call.get();
                Duration took = clock.since(start);
                if (connected && delegate.isConnected() && latency.isSlow(took, SLOW_FLOOR, SLOW_FACTOR)) {
                    Duration held = took.minus(latency.typical());
                    apiRate.onFlood(held, start); // the rate that outran the limit is the one up to this call
                    events.flood(held, false, what);
                } else {
                    latency.record(took);
                }
                return result;
            } catch (TelegramException e) {
                if (control.stopped()) {
                    throw new StoppedException();
                }
                switch (e.kind()) {
                    case FLOOD_WAIT -> {
                        Duration retryAfter = e.retryAfter().orElse(Duration.ofSeconds(61));
                        apiRate.onFlood(retryAfter, start);
                        events.flood(retryAfter, true, what);
                        if (retryAfter.compareTo(floodWaitCap) > 0) {
                            control.stop(StopReason.FLOOD_WAIT_CAP, "Telegram asked to wait " + retryAfter.toSeconds()
                                    + " s for " + what + ", more than --flood-wait-cap " + floodWaitCap.toSeconds() + " s");
                            throw new StoppedException();
                        }
                        apiGate.close(jitter.apply(retryAfter));
                    }
                    case TRANSIENT -> {
                        if (++failures > maxRetries) {
                            throw e;
                        }
                        wait = backoff.next(wait);
                        events.retry(what, e.getMessage(), wait);
                        try {
                            clock.sleep(wait);
                        } catch (InterruptedException ie) {
                            throw interrupted(ie);
                        }
                    }
                    default -> throw e;
                }
            }
        }
    }

    private RuntimeException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        if (control.stopped()) {
            return new StoppedException();
        }
        return new TelegramException(TelegramException.Kind.TRANSIENT, "interrupted", null, e);
    }

    @Override
    public Account me() {
        return call("getMe", delegate::me);
    }

    @Override
    public ResolvedSource resolve(SourceRef ref, boolean join) {
        return call("resolve " + ref.text(), () -> delegate.resolve(ref, join));
    }

    @Override
    public Optional<Chat> knownChat(long chatId) {
        return call("chat " + chatId, () -> delegate.knownChat(chatId));
    }

    @Override
    public List<ChatSummary> chats(int limit) {
        return call("chat list", () -> delegate.chats(limit));
    }

    @Override
    public MediaPage page(PageRequest request) {
        return call("history of " + request.chat().displayName(), () -> delegate.page(request));
    }

    @Override
    public long count(Chat chat, Optional<SearchFilter> filter) {
        return call("count " + chat.displayName(), () -> delegate.count(chat, filter));
    }

    @Override
    public List<MediaItem> message(Chat chat, long serverMessageId) {
        return call("message " + chat.displayName() + "/" + serverMessageId, () -> delegate.message(chat, serverMessageId));
    }

    @Override
    public List<MediaItem> messageWithAlbum(Chat chat, long serverMessageId) {
        return call("message " + chat.displayName() + "/" + serverMessageId,
                () -> delegate.messageWithAlbum(chat, serverMessageId));
    }

    /** Passes the download gate, then asks TDLib for the file (a local call: its parts are TDLib's to send). */
    @Override
    public Download download(RemoteFile file, int priority, DownloadListener listener) {
        try {
            downloadGate.pass();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        if (control.stopped()) {
            throw new StoppedException();
        }
        events.request();
        return delegate.download(file, priority, listener);
    }

    @Override
    public void discardLocalCopy(RemoteFile file) {
        delegate.discardLocalCopy(file);
    }

    @Override
    public void sendText(long chatId, String text) {
        delegate.sendText(chatId, text);
    }

    @Override
    public long savedMessagesChatId() {
        return delegate.savedMessagesChatId();
    }

    @Override
    public long resolveChatId(String destination) {
        return call("resolve " + destination, () -> delegate.resolveChatId(destination));
    }

    @Override
    public boolean isConnected() {
        return delegate.isConnected();
    }

    @Override
    public void onSpeedLimit(Runnable listener) {
        delegate.onSpeedLimit(listener);
    }

    @Override
    public void removeSpeedLimitListener(Runnable listener) {
        delegate.removeSpeedLimitListener(listener);
    }

    @Override
    public Optional<List<ForumTopic>> forumTopics(Chat chat) {
        return call("topics of " + chat.displayName(), () -> delegate.forumTopics(chat));
    }

    @Override
    public Optional<Chat> discussionGroup(Chat chat) {
        return call("discussion group of " + chat.displayName(), () -> delegate.discussionGroup(chat));
    }
}
