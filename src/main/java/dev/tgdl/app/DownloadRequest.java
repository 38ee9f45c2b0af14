package dev.tgdl.app;

import dev.tgdl.config.DateBound;
import dev.tgdl.telegram.MediaType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A download as its caller asked for it ({@code tgdl download}'s flags, or an archive job): each
 * setting present or absent. {@link Downloads#plan} fills the absent ones from the configuration and
 * checks everything before any work starts. Built with {@link #builder(List)}, so that every call
 * site names what it sets.
 *
 * @param sources   the chats and links to read, as typed
 * @param selection which media to take
 * @param placement where the files go
 * @param pacing    how fast to ask
 * @param run       how the run behaves and when it stops
 * @param names     what the caller calls each setting (a flag, a job key), for messages
 */
public record DownloadRequest(List<String> sources, Selection selection, Placement placement, Pacing pacing,
                              Run run, Function<Setting, String> names) {

    public DownloadRequest {
        sources = List.copyOf(sources);
    }

    /**
     * The settings that messages about a request name. Each has a configuration key under
     * {@code download.} (where the configuration has one); callers name them their own way.
     */
    public enum Setting {
        TEMPLATE("template"), TYPES("types"), MIN_SIZE("min_size"), MAX_SIZE("max_size"), FROM_ID("from_id"),
        TO_ID("to_id"), SINCE("since"), UNTIL("until"), LIMIT("limit"), WORKERS("workers"), MAX_WORKERS("max_workers"),
        MIN_DELAY("min_delay"), MAX_DELAY("max_delay"), TOPIC("topic");

        private final String key;

        Setting(String key) {
            this.key = key;
        }

        /** The setting's key, as in config.yaml ({@code max_workers}). */
        public String key() {
            return key;
        }
    }

    /**
     * Which media to take.
     *
     * @param types   media types
     * @param include only these extensions
     * @param exclude never these extensions
     * @param minSize smallest size in bytes
     * @param maxSize largest size in bytes
     * @param fromId  oldest message id (inclusive)
     * @param toId    newest message id (inclusive)
     * @param since   oldest message date (inclusive)
     * @param until   newest message date (exclusive)
     * @param limit   at most this many files per source
     * @param topic   the forum topic (id or name) of each source that names none itself ({@code --topic})
     * @param comments also the comments of each channel post, from its discussion group ({@code --comments})
     */
    public record Selection(Optional<Set<MediaType>> types, Optional<Set<String>> include,
                            Optional<Set<String>> exclude, Optional<Long> minSize, Optional<Long> maxSize,
                            Optional<Long> fromId, Optional<Long> toId, Optional<DateBound> since,
                            Optional<DateBound> until, Optional<Long> limit, Optional<String> topic,
                            boolean comments) {

        /** Nothing chosen: the configuration decides everything. */
        public static final Selection DEFAULT = builder().build();

        public static Builder builder() {
            return new Builder();
        }

        /** Builds a {@link Selection}; every setting starts absent. */
        public static final class Builder {
            private Optional<Set<MediaType>> types = Optional.empty();
            private Optional<Set<String>> include = Optional.empty();
            private Optional<Set<String>> exclude = Optional.empty();
            private Optional<Long> minSize = Optional.empty();
            private Optional<Long> maxSize = Optional.empty();
            private Optional<Long> fromId = Optional.empty();
            private Optional<Long> toId = Optional.empty();
            private Optional<DateBound> since = Optional.empty();
            private Optional<DateBound> until = Optional.empty();
            private Optional<Long> limit = Optional.empty();
            private Optional<String> topic = Optional.empty();
            private boolean comments;

            private Builder() {
            }

            public Builder topic(Optional<String> idOrName) {
                topic = idOrName;
                return this;
            }

            public Builder comments(boolean value) {
                comments = value;
                return this;
            }

            public Builder types(Optional<? extends Collection<MediaType>> value) {
                types = value.map(Set::copyOf);
                return this;
            }

            public Builder include(Optional<? extends Collection<String>> extensions) {
                include = extensions.map(Set::copyOf);
                return this;
            }

            public Builder exclude(Optional<? extends Collection<String>> extensions) {
                exclude = extensions.map(Set::copyOf);
                return this;
            }

            public Builder minSize(Optional<Long> bytes) {
                minSize = bytes;
                return this;
            }

            public Builder maxSize(Optional<Long> bytes) {
                maxSize = bytes;
                return this;
            }

            public Builder fromId(Optional<Long> id) {
                fromId = id;
                return this;
            }

            public Builder toId(Optional<Long> id) {
                toId = id;
                return this;
            }

            public Builder since(Optional<DateBound> date) {
                since = date;
                return this;
            }

            public Builder until(Optional<DateBound> date) {
                until = date;
                return this;
            }

            public Builder limit(Optional<Long> files) {
                limit = files;
                return this;
            }

            public Selection build() {
                return new Selection(types, include, exclude, minSize, maxSize, fromId, toId, since, until, limit, topic,
                        comments);
            }
        }
    }

    /**
     * Where the files go.
     *
     * @param output   the output folder
     * @param template the layout below it
     */
    public record Placement(Optional<Path> output, Optional<String> template) {
    }

    /**
     * How fast to ask.
     *
     * @param workers      concurrent downloads to start with
     * @param maxWorkers   concurrent downloads at most
     * @param minDelay     shortest pause before a request
     * @param maxDelay     longest pause before a request
     * @param fixed        keep workers and delay fixed (no adaptive policy)
     * @param floodWaitCap stop (resumable) when asked to wait longer than this
     */
    public record Pacing(Optional<Integer> workers, Optional<Integer> maxWorkers, Optional<Duration> minDelay,
                         Optional<Duration> maxDelay, boolean fixed, Optional<Duration> floodWaitCap) {
    }

    /**
     * How the run behaves and when it stops.
     *
     * @param maxDuration    stop (resumable) after this long
     * @param dryRun         plan only, download nothing
     * @param join           join the chats of invite links
     * @param full           rescan from the newest message
     * @param linkDuplicates place files already archived for other messages too
     */
    public record Run(Optional<Duration> maxDuration, boolean dryRun, boolean join, boolean full,
                      boolean linkDuplicates) {
    }

    /** A request for {@code sources}; every setting starts absent, named by its configuration key. */
    public static Builder builder(List<String> sources) {
        return new Builder(sources);
    }

    /** Builds a {@link DownloadRequest}. */
    public static final class Builder {
        private final List<String> sources;
        private Selection selection = Selection.DEFAULT;
        private Optional<Path> output = Optional.empty();
        private Optional<String> template = Optional.empty();
        private Optional<Integer> workers = Optional.empty();
        private Optional<Integer> maxWorkers = Optional.empty();
        private Optional<Duration> minDelay = Optional.empty();
        private Optional<Duration> maxDelay = Optional.empty();
        private boolean fixedPace;
        private Optional<Duration> floodWaitCap = Optional.empty();
        private Optional<Duration> maxDuration = Optional.empty();
        private boolean dryRun;
        private boolean join;
        private boolean full;
        private boolean linkDuplicates;
        private Function<Setting, String> names = Setting::key;

        private Builder(List<String> sources) {
            this.sources = sources;
        }

        public Builder selection(Selection value) {
            selection = value;
            return this;
        }

        public Builder output(Optional<Path> folder) {
            output = folder;
            return this;
        }

        public Builder template(Optional<String> layout) {
            template = layout;
            return this;
        }

        public Builder workers(Optional<Integer> count) {
            workers = count;
            return this;
        }

        public Builder maxWorkers(Optional<Integer> count) {
            maxWorkers = count;
            return this;
        }

        public Builder minDelay(Optional<Duration> delay) {
            minDelay = delay;
            return this;
        }

        public Builder maxDelay(Optional<Duration> delay) {
            maxDelay = delay;
            return this;
        }

        public Builder fixedPace(boolean fixed) {
            fixedPace = fixed;
            return this;
        }

        public Builder floodWaitCap(Optional<Duration> cap) {
            floodWaitCap = cap;
            return this;
        }

        public Builder maxDuration(Optional<Duration> limit) {
            maxDuration = limit;
            return this;
        }

        public Builder dryRun(boolean value) {
            dryRun = value;
            return this;
        }

        public Builder join(boolean value) {
            join = value;
            return this;
        }

        public Builder full(boolean value) {
            full = value;
            return this;
        }

        public Builder linkDuplicates(boolean value) {
            linkDuplicates = value;
            return this;
        }

        /** What the caller calls each setting (default: its configuration key). */
        public Builder names(Function<Setting, String> value) {
            names = value;
            return this;
        }

        public DownloadRequest build() {
            return new DownloadRequest(sources, selection, new Placement(output, template),
                    new Pacing(workers, maxWorkers, minDelay, maxDelay, fixedPace, floodWaitCap),
                    new Run(maxDuration, dryRun, join, full, linkDuplicates), names);
        }
    }
}
