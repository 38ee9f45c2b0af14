package dev.tgdl.telegram;

import java.util.List;
import java.util.OptionalLong;

/**
 * One page of a chat's messages, newest first, reduced to their media.
 *
 * @param items    the media of the page's messages, newest first
 * @param messages how many messages the page had (media or not)
 * @param next     the cursor for the next (older) page; empty when the chat has no more
 * @param newestId the server id of the newest message of the page (0 for an empty page)
 * @param oldestId the server id of the oldest message of the page (0 for an empty page)
 * @param scanned  every message of the page (media or not), newest first, for {@code --export}
 * @param commented the server ids of the page's channel posts that have comments, newest first
 */
public record MediaPage(List<MediaItem> items, int messages, OptionalLong next, long newestId, long oldestId,
                        List<MessageInfo> scanned, List<Long> commented) {

    public MediaPage {
        commented = List.copyOf(commented);
    }

    /** A page with no commented posts. */
    public MediaPage(List<MediaItem> items, int messages, OptionalLong next, long newestId, long oldestId,
                     List<MessageInfo> scanned) {
        this(items, messages, next, newestId, oldestId, scanned, List.of());
    }

    /** A page without the messages' details. */
    public MediaPage(List<MediaItem> items, int messages, OptionalLong next, long newestId, long oldestId) {
        this(items, messages, next, newestId, oldestId, List.of());
    }
}
