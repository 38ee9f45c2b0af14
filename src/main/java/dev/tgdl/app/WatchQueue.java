package dev.tgdl.app;

import dev.tgdl.telegram.ChatEvent;
import dev.tgdl.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * What {@code tgdl watch} has still to do: the events TDLib reported since the last pass, folded into
 * work. Events arrive on TDLib's receive thread; the watch takes the work on its own thread, waiting
 * on the clock (virtual time moves while it waits). Repeated events fold into one piece of work: two
 * updates of one post make one catch-up, two edits of one message one fetch of it.
 *
 * @param <J> a job (what one catch-up pass runs)
 */
final class WatchQueue<J> {

    /**
     * Work taken from the queue.
     *
     * @param catchUp    jobs to catch up from their high-water marks (new posts, a reconnect)
     * @param edits      messages an edit gave a file, each fetched by itself (they may lie below the mark)
     * @param newPosts   new-post events folded in
     * @param mediaEdits media edit events folded in
     * @param reconnects reconnections folded in
     */
    record Work<J>(Set<J> catchUp, Set<ChatEvent.MediaAdded> edits, long newPosts, long mediaEdits, long reconnects) {

        /** Whether nothing was reported at all (the wait ran out, or the run is stopping). */
        boolean quiet() {
            return newPosts == 0 && mediaEdits == 0 && reconnects == 0;
        }
    }

    private final TimeSource clock;
    private final Map<Long, Set<J>> jobsByChat;
    private final Set<J> allJobs;
    private final List<ChatEvent> events = new ArrayList<>();
    private CompletableFuture<Void> wake = new CompletableFuture<>();

    /**
     * @param jobsByChat the jobs that watch each chat
     * @param allJobs    every job, in order (a reconnect catches up on all of them)
     */
    WatchQueue(TimeSource clock, Map<Long, Set<J>> jobsByChat, Set<J> allJobs) {
        this.clock = clock;
        this.jobsByChat = jobsByChat;
        this.allJobs = allJobs;
    }

    /** An event from TDLib (any thread; never blocks). */
    synchronized void add(ChatEvent event) {
        events.add(event);
        wake.complete(null);
    }

    /** Ends a {@link #take} now (the run is stopping). */
    synchronized void wakeUp() {
        wake.complete(null);
    }

    /**
     * The work of the events so far, waiting up to {@code timeout} for one when there is none; empty
     * when the time ran out, or the run stopped ({@code stopped} is checked once the wait is set up,
     * so a {@link #wakeUp} just before it is not missed).
     */
    Work<J> take(Duration timeout, BooleanSupplier stopped) throws InterruptedException {
        CompletableFuture<Void> waiting;
        synchronized (this) {
            if (!events.isEmpty()) {
                return drain();
            }
            wake = new CompletableFuture<>();
            waiting = wake;
        }
        if (stopped.getAsBoolean()) {
            return drain();
        }
        try {
            clock.await(waiting, timeout);
        } catch (TimeoutException e) {
            // nothing happened in time: the caller decides what a quiet spell means
        } catch (ExecutionException e) {
            throw new IllegalStateException("the watch's wake-up failed", e);
        }
        synchronized (this) {
            return drain();
        }
    }

    private Work<J> drain() {
        Set<J> catchUp = new LinkedHashSet<>();
        Set<ChatEvent.MediaAdded> edits = new LinkedHashSet<>();
        long posts = 0;
        long mediaEdits = 0;
        long reconnects = 0;
        for (ChatEvent event : events) {
            switch (event) {
                case ChatEvent.NewPost p -> {
                    // a text post too: the catch-up moves the high-water mark past it, so that an edit giving
                    // it a file later is fetched by itself, not found again by every scan
                    posts++;
                    catchUp.addAll(jobsByChat.getOrDefault(p.chatId(), Set.of()));
                }
                case ChatEvent.MediaAdded m -> {
                    mediaEdits++;
                    if (jobsByChat.containsKey(m.chatId())) {
                        edits.add(m);
                    }
                }
                case ChatEvent.Reconnected r -> {
                    reconnects++;
                    catchUp.addAll(allJobs); // anything may have been posted while TDLib was away
                }
            }
        }
        events.clear();
        return new Work<>(catchUp, edits, posts, mediaEdits, reconnects);
    }
}
