package dev.tgdl.download;

import dev.tgdl.naming.FileNames;
import dev.tgdl.telegram.MediaItem;
import dev.tgdl.telegram.MediaType;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which media of a chat to take.
 *
 * @param types   media types
 * @param include only these extensions (empty: any)
 * @param exclude never these extensions
 * @param minSize smallest size in bytes
 * @param maxSize largest size in bytes, if limited
 * @param fromId  oldest server message id (inclusive)
 * @param toId    newest server message id (inclusive)
 * @param since   oldest message date (inclusive)
 * @param until   newest message date (exclusive)
 * @param limit   at most this many files per source
 */
public record MediaFilter(Set<MediaType> types, Set<String> include, Set<String> exclude, long minSize,
                          OptionalLong maxSize, OptionalLong fromId, OptionalLong toId, Optional<Instant> since,
                          Optional<Instant> until, OptionalLong limit) {

    public MediaFilter {
        include = normalize(include);
        exclude = normalize(exclude);
        types = Set.copyOf(types);
    }

    /** Everything of every type. */
    public static MediaFilter all() {
        return new MediaFilter(Set.of(MediaType.values()), Set.of(), Set.of(), 0, OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(), OptionalLong.empty());
    }

    private static Set<String> normalize(Set<String> extensions) {
        return extensions.stream().map(e -> e.trim().toLowerCase(Locale.ROOT).replaceFirst("^\\.", ""))
                .filter(e -> !e.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether the item passes the type, extension and size filters (ranges are checked apart). */
    public boolean accepts(MediaItem item) {
        if (!types.contains(item.type())) {
            return false;
        }
        long size = item.file().size();
        if (size < minSize || maxSize.isPresent() && size > maxSize.getAsLong()) {
            return false;
        }
        if (include.isEmpty() && exclude.isEmpty()) {
            return true;
        }
        String ext = extension(item);
        return (include.isEmpty() || include.contains(ext)) && !exclude.contains(ext);
    }

    /** The extension an item's file will have. */
    public static String extension(MediaItem item) {
        String fromName = item.fileName().map(FileNames::extension).orElse("");
        return fromName.isEmpty() ? FileNames.defaultExtension(item.type().label(), item.mimeType()) : fromName;
    }

    /** Whether the item is newer than the range: skip it and keep scanning older messages. */
    public boolean aboveRange(MediaItem item) {
        return toId.isPresent() && item.messageId() > toId.getAsLong()
                || until.isPresent() && !item.date().isBefore(until.get());
    }

    /** Whether a message with this id and date is older than the range: the scan can stop. */
    public boolean belowRange(long serverId, Instant date) {
        return fromId.isPresent() && serverId < fromId.getAsLong() || since.isPresent() && date.isBefore(since.get());
    }
}
