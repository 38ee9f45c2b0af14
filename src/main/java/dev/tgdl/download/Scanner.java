package dev.tgdl.download;

import dev.tgdl.telegram.Chat;
import dev.tgdl.telegram.MediaItem;
import dev.tgdl.telegram.MediaPage;
import dev.tgdl.telegram.MessageInfo;
import dev.tgdl.telegram.PageRequest;
import dev.tgdl.telegram.SearchFilter;
import dev.tgdl.telegram.Telegram;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Streams the media of a chat that match the filter, newest first, one page at a time: memory stays
 * flat however long the chat is. Uses Telegram's server-side media filters where they cover the
 * selected types (at most two filtered scans, merged by message id), the plain history otherwise.
 *
 * <p>Incremental: only messages above the ledger's high-water mark are scanned, and a scan records
 * checkpoints as it goes, so a run killed halfway through a long scan resumes where it was. Runs with
 * ranges or a limit scan just their range and leave the ledger's scan state alone.
 */
final class Scanner {

    /** Receives the items; returns false to end the scan (the limit was reached). */
    @FunctionalInterface
    interface Sink {
        boolean accept(MediaItem item) throws InterruptedException;
    }

    private final Telegram telegram;
    private final Ledger ledger;
    private final MediaFilter filter;
    private final boolean full;
    private final Outcomes outcomes;

    /**
     * @param telegram the paced port: every page goes through its flood gates and retries
     * @param outcomes where filtered items end, and the messages of --export are met
     */
    Scanner(Telegram telegram, Ledger ledger, MediaFilter filter, boolean full, Outcomes outcomes) {
        this.telegram = telegram;
        this.ledger = ledger;
        this.filter = filter;
        this.full = full;
        this.outcomes = outcomes;
    }

    /**
     * Scans {@code chat}, handing each matching item to {@code sink}; files archived in ranges it
     * does not scan again are counted with {@code alreadyArchived}. It scans the part of {@code chat}
     * that {@code scope} names: one forum topic, or the whole chat; with comments, each post's comments are
     * handed to {@code sink} as its page is met, before the page's own items.
     * A topic is scanned whole each run, as a range is (the ledger keeps one scan state per chat, the whole
     * chat's); what was archived before is skipped without being downloaded again.
     */
    void scan(Chat chat, SourceScope scope, SourceStats stats, Sink sink, LongConsumer alreadyArchived)
            throws InterruptedException {
        // an export lists every message of the range, and comments hang on every post: both read the whole
        // history, not media searches
        List<Optional<SearchFilter>> streams = SearchFilter.plan(filter.types())
                .filter(plan -> !outcomes.export().enabled() && scope.comments().isEmpty())
                .map(list -> list.stream().map(Optional::of).toList())
                .orElse(List.of(Optional.empty()));
        PageRequest.Scope pages = scope.topic().<PageRequest.Scope>map(PageRequest.Scope.Topic::new)
                .orElse(PageRequest.Scope.CHAT);
        boolean ranged = filter.fromId().isPresent() || filter.toId().isPresent() || filter.since().isPresent()
                || filter.until().isPresent() || filter.limit().isPresent() || scope.topic().isPresent();
        if (ranged) {
            long start = filter.toId().isPresent() ? PageRequest.cursorAbove(filter.toId().getAsLong()) : 0;
            new Segment(chat, streams, start, 0, false, stats, sink, pages, scope.comments()).run();
            return;
        }
        Ledger.ScanState state = full ? Ledger.ScanState.NONE : ledger.scanState(chat);
        long mark = state.highWaterMark();
        long skipped = mark > 0 ? ledger.archivedBetween(chat, 1, mark) : 0;
        if (state.checkpoint().isPresent()) {
            skipped += ledger.archivedBetween(chat, state.checkpoint().get().reached(), state.checkpoint().get().top());
        }
        alreadyArchived.accept(skipped);
        if (state.checkpoint().isPresent()) {
            Ledger.Checkpoint cp = state.checkpoint().get();
            // finish the interrupted scan first: below what it reached, down to the old mark
            Segment rest = new Segment(chat, streams, cp.reached() << 20, mark, true, stats, sink, pages, scope.comments());
            rest.top = cp.top();
            if (!rest.run()) {
                return;
            }
            ledger.scanned(chat, cp.top());
            mark = cp.top();
        }
        Segment fresh = new Segment(chat, streams, 0, mark, true, stats, sink, pages, scope.comments());
        if (fresh.run()) {
            ledger.scanned(chat, Math.max(fresh.top, mark));
        }
    }

    /** One newest-first pass from a cursor down to a message id, over one or two merged streams. */
    private final class Segment {
        private final Chat chat;
        private final List<Stream> streams;
        private final long stopAt;
        private final boolean checkpoints;
        private final SourceStats stats;
        private final Sink sink;
        private final PageRequest.Scope pages;
        private final Optional<Chat> comments;
        /** The sink ended the pass while taking comments. */
        private boolean ended;
        long top;

        Segment(Chat chat, List<Optional<SearchFilter>> filters, long cursor, long stopAt, boolean checkpoints,
                SourceStats stats, Sink sink, PageRequest.Scope pages, Optional<Chat> comments) {
            this.chat = chat;
            this.streams = filters.stream().map(f -> new Stream(f, cursor)).toList();
            this.stopAt = stopAt;
            this.checkpoints = checkpoints;
            this.stats = stats;
            this.sink = sink;
            this.pages = pages;
            this.comments = comments;
        }

        /** Runs the pass; false when the sink ended it early. */
        boolean run() throws InterruptedException {
            while (true) {
                Stream next = null;
                for (Stream s : streams) {
                    s.fill();
                    if (!s.buffer.isEmpty() && (next == null || s.buffer.peek().messageId() > next.buffer.peek().messageId())) {
                        next = s;
                    }
                }
                if (ended) {
                    return false;
                }
                if (next == null) {
                    return true;
                }
                MediaItem item = next.buffer.poll();
                if (filter.aboveRange(item) || !filter.accepts(item)) {
                    outcomes.unplaced(item);
                    continue;
                }
                stats.matched.incrementAndGet();
                if (!sink.accept(item)) {
                    return false;
                }
                if (checkpoints && next.buffer.isEmpty()) {
                    // every item from this one up to the top is now recorded in the ledger (the sink queued it)
                    ledger.scanProgress(chat, Math.max(top, item.messageId()), item.messageId());
                }
            }
        }

        /** Hands the page's messages of this pass's range to the export (those with a file wait for it). */
        private void exportScanned(MediaPage page) {
            ExportTracker export = outcomes.export();
            if (!export.enabled()) {
                return;
            }
            Set<Long> withFile = new HashSet<>();
            page.items().forEach(i -> withFile.add(i.messageId()));
            for (MessageInfo m : page.scanned()) {
                boolean inRange = m.messageId() > stopAt && !filter.belowRange(m.messageId(), m.date())
                        && !(filter.toId().isPresent() && m.messageId() > filter.toId().getAsLong())
                        && !(filter.until().isPresent() && !m.date().isBefore(filter.until().get()));
                if (inRange) {
                    export.scanned(m, withFile.contains(m.messageId()));
                }
            }
        }

        /**
         * The comments of the page's posts in this pass's range, each post's thread read whole (newest first),
         * handed to the sink before the page's own items, so a checkpoint past a post also covers its comments.
         * Ranges apply to posts (a post in range brings all its comments); the limit counts comment files as
         * any; the type, extension and size filters apply to both.
         *
         * @return false when the sink ended the scan
         */
        private boolean takeComments(MediaPage page, Chat group) throws InterruptedException {
            for (MessageInfo post : page.scanned()) {
                if (!page.commented().contains(post.messageId()) || post.messageId() <= stopAt
                        || filter.belowRange(post.messageId(), post.date())
                        || filter.toId().isPresent() && post.messageId() > filter.toId().getAsLong()
                        || filter.until().isPresent() && !post.date().isBefore(filter.until().get())) {
                    continue;
                }
                long cursor = 0;
                while (true) {
                    MediaPage thread = telegram.page(new PageRequest(chat, cursor, Optional.empty(),
                            new PageRequest.Scope.Comments(group, post.messageId())));
                    stats.scanned.addAndGet(thread.messages());
                    for (MediaItem item : thread.items()) {
                        if (!filter.accepts(item)) {
                            outcomes.unplaced(item);
                            continue;
                        }
                        stats.matched.incrementAndGet();
                        if (!sink.accept(item)) {
                            return false;
                        }
                    }
                    if (thread.next().isEmpty() || thread.messages() == 0) {
                        break;
                    }
                    cursor = thread.next().getAsLong();
                }
            }
            return true;
        }

        /** One scan: the history, or one server-side filter. */
        private final class Stream {
            private final Optional<SearchFilter> filter;
            private final ArrayDeque<MediaItem> buffer = new ArrayDeque<>();
            private long cursor;
            private boolean done;

            Stream(Optional<SearchFilter> filter, long cursor) {
                this.filter = filter;
                this.cursor = cursor;
            }

            /** Fetches pages until the buffer has an item or the stream is done. */
            void fill() throws InterruptedException {
                while (buffer.isEmpty() && !done) {
                    long from = cursor;
                    MediaPage page = telegram.page(new PageRequest(chat, from, filter, pages));
                    stats.scanned.addAndGet(page.messages());
                    top = Math.max(top, page.newestId());
                    exportScanned(page);
                    if (comments.isPresent() && !takeComments(page, comments.get())) {
                        ended = true;
                        done = true;
                        return;
                    }
                    for (MediaItem item : page.items()) {
                        if (item.messageId() <= stopAt || Scanner.this.filter.belowRange(item.messageId(), item.date())) {
                            done = true;
                            break;
                        }
                        buffer.add(item);
                    }
                    OptionalLong next = page.next();
                    if (next.isEmpty() || page.messages() == 0 || page.oldestId() != 0 && page.oldestId() <= stopAt) {
                        done = true;
                    } else {
                        cursor = next.getAsLong();
                    }
                }
            }
        }
    }
}
