package dev.tgdl.telegram;

import java.util.Optional;

/**
 * A request for one page of a chat's history.
 *
 * @param chat   the chat
 * @param cursor where to start: 0 for the newest message, else a {@link MediaPage#next()} value
 * @param filter a server-side media filter, or empty for the plain history (every message)
 */
public record PageRequest(Chat chat, long cursor, Optional<SearchFilter> filter) {

    /** The cursor that starts a scan just above server message id {@code serverId} (inclusive). */
    public static long cursorAbove(long serverId) {
        // from_message_id itself is excluded, so start at the next possible id
        return (serverId + 1) << 20;
    }
}
