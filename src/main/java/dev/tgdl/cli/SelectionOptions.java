package dev.tgdl.cli;

import dev.tgdl.app.DownloadRequest;
import dev.tgdl.config.DateBound;
import dev.tgdl.telegram.MediaType;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Which media to take: the selection flags, shared by every command that selects media (the same
 * settings an archive job can override). {@link #selection()} is what they ask for.
 */
final class SelectionOptions {

    static final String TYPES = "--types";
    static final String MIN_SIZE = "--min-size";
    static final String MAX_SIZE = "--max-size";
    static final String FROM_ID = "--from-id";
    static final String TO_ID = "--to-id";
    static final String SINCE = "--since";
    static final String UNTIL = "--until";
    static final String LIMIT = "--limit";
    static final String TOPIC = "--topic";

    @Option(names = TYPES, split = ",", paramLabel = "LIST", converter = Converters.MediaTypeConverter.class,
            description = "photo,video,document,audio,voice,video_note,animation,sticker")
    List<MediaType> types;

    @Option(names = "--include", split = ",", paramLabel = "EXT,..", description = "Only these extensions.")
    List<String> include;

    @Option(names = "--exclude", split = ",", paramLabel = "EXT,..", description = "Never these extensions.")
    List<String> exclude;

    @Option(names = MIN_SIZE, paramLabel = "SIZE", converter = Converters.SizeConverter.class,
            description = "Skip smaller files: 500KB, 10MB, 1.5GiB or bytes.")
    Optional<Long> minSize = Optional.empty();

    @Option(names = MAX_SIZE, paramLabel = "SIZE", converter = Converters.SizeConverter.class,
            description = "Skip larger files (as --min-size).")
    Optional<Long> maxSize = Optional.empty();

    @Option(names = FROM_ID, paramLabel = "N", converter = Converters.NumberConverter.class,
            description = "Oldest message id (as in t.me links).")
    Optional<Long> fromId = Optional.empty();

    @Option(names = TO_ID, paramLabel = "N", converter = Converters.NumberConverter.class,
            description = "Newest message id.")
    Optional<Long> toId = Optional.empty();

    @Option(names = SINCE, paramLabel = "DATE", converter = Converters.DateConverter.class,
            description = "Messages from: " + DateBound.FORMS + ".")
    Optional<DateBound> since = Optional.empty();

    @Option(names = UNTIL, paramLabel = "DATE", converter = Converters.DateConverter.class,
            description = "Messages before (exclusive; as --since).")
    Optional<DateBound> until = Optional.empty();

    @Option(names = LIMIT, paramLabel = "N", converter = Converters.NumberConverter.class,
            description = "At most N files per source.")
    Optional<Long> limit = Optional.empty();

    @Option(names = TOPIC, paramLabel = "ID|NAME",
            description = "Only this topic of a forum supergroup, by id or name (tgdl topics SOURCE lists them).")
    Optional<String> topic = Optional.empty();

    @Option(names = "--comments", description = "Also the comments of each channel post (from its discussion group), "
            + "in a folder <post id>_comments beside the post.")
    boolean comments;

    /** The selection the flags ask for; absent flags stay absent (the configuration decides). */
    DownloadRequest.Selection selection() {
        return DownloadRequest.Selection.builder()
                .types(Optional.ofNullable(types)).include(Optional.ofNullable(include))
                .exclude(Optional.ofNullable(exclude))
                .minSize(minSize).maxSize(maxSize)
                .fromId(fromId).toId(toId)
                .since(since).until(until)
                .limit(limit)
                .topic(topic).comments(comments)
                .build();
    }
}
