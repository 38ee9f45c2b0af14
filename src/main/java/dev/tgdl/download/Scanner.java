package dev.tgdl.download;

import dev.tgdl.telegram.Chat;
import dev.tgdl.telegram.MediaItem;
import dev.tgdl.telegram.MediaPage;
import dev.tgdl.telegram.MessageInfo;
import dev.tgdl.telegram.PageRequest;
import dev.tgdl.telegram.SearchFilter;
import dev.tgdl.telegram.Telegram;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
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
     * handed to {@code sink} right after the post's own items, so newest first holds post by post.
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

    /** What a pass hands on in order: a file of the chat, or the comments of a post. */
    private sealed interface Entry {
        long messageId();

        Instant date();

        record File(MediaItem item) implements Entry {
            @Override
            public long messageId() {
                return item.messageId();
            }

            @Override
            public Instant date() {
                return item.date();
            }
        }

        record Comments(MessageInfo post) implements Entry {
            @Override
            public long messageId() {
                return post.messageId();
            }

            @Override
            public Instant date() {
                return post.date();
            }
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
                if (next == null) {
                    return true;
                }
                Entry entry = next.buffer.poll();
                switch (entry) {
                    case Entry.File(MediaItem item) -> {
                        if (filter.aboveRange(item) || !filter.accepts(item)) {
                            outcomes.unplaced(item);
                            continue;
                        }
                        stats.matched.incrementAndGet();
                        if (!sink.accept(item)) {
                            return false;
                        }
                    }
                    case Entry.Comments(MessageInfo post) -> {
                        if (!takeComments(post, comments.orElseThrow())) {
                            return false;
                        }
                    }
                }
                if (checkpoints && next.buffer.isEmpty()) {
                    // every item (and comment) from this message up to the top is now recorded in the ledger
                    ledger.scanProgress(chat, Math.max(top, entry.messageId()), entry.messageId());
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
         * The comments of one post in this pass's range, its thread read whole (newest first). Ranges apply to
         * posts (a post in range brings all its comments); the limit counts comment files as any; the type,
         * extension and size filters apply to both.
         *
         * @return false when the sink ended the scan
         */
        private boolean takeComments(MessageInfo post, Chat group) throws InterruptedException {
            if (filter.toId().isPresent() && post.messageId() > filter.toId().getAsLong()
                    || filter.until().isPresent() && !post.date().isBefore(filter.until().get())) {
                return true;
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
            return true;
        }

        /**
         * The page's items, newest first; with comments, each commented post's thread right after the post's
         * own items (a post with no file of its own still brings its thread).
         */
        private List<Entry> entries(MediaPage page) {
            List<Entry> entries = new ArrayList<>();
            page.items().forEach(item -> entries.add(new Entry.File(item)));
            if (comments.isPresent()) {
                page.scanned().stream().filter(post -> page.commented().contains(post.messageId()))
                        .forEach(post -> entries.add(new Entry.Comments(post)));
            }
            // stable: the items of one message keep their order, and its thread comes after them
            entries.sort(Comparator.comparingLong(Entry::messageId).reversed()
                    .thenComparing(e -> e instanceof Entry.Comments));
            return entries;
        }

        /** One scan: the history, or one server-side filter. */
        private final class Stream {
            private final Optional<SearchFilter> filter;
            private final ArrayDeque<Entry> buffer = new ArrayDeque<>();
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
                    for (Entry entry : entries(page)) {
                        if (entry.messageId() <= stopAt || Scanner.this.filter.belowRange(entry.messageId(), entry.date())) {
                            done = true;
                            break;
                        }
                        buffer.add(entry);
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
