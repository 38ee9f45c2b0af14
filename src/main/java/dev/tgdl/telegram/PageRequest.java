package dev.tgdl.telegram;

import java.util.Optional;

/**
 * A request for one page of a chat's history.
 *
 * @param chat   the chat
 * @param cursor where to start: 0 for the newest message, else a {@link MediaPage#next()} value
 * @param filter a server-side media filter, or empty for the plain history (every message)
 * @param scope  the whole chat, one forum topic of it, or the comments of one of its posts
 */
public record PageRequest(Chat chat, long cursor, Optional<SearchFilter> filter, Scope scope) {

    /** A page of the whole chat. */
    public PageRequest(Chat chat, long cursor, Optional<SearchFilter> filter) {
        this(chat, cursor, filter, Scope.CHAT);
    }

    /** The cursor that starts a scan just above server message id {@code serverId} (inclusive). */
    public static long cursorAbove(long serverId) {
        // from_message_id itself is excluded, so start at the next possible id
        return (serverId + 1) << 20;
    }

    /** Which messages of the chat a page is taken from. */
    public sealed interface Scope {

        /** Every message of the chat. */
        Scope CHAT = new WholeChat();

        /** Every message of the chat. */
        record WholeChat() implements Scope {
        }

        /**
         * The messages of one forum topic (getForumTopicHistory, or searchChatMessages with its topic_id).
         *
         * @param topic the topic (its name names the items)
         */
        record Topic(ForumTopic topic) implements Scope {
        }

        /**
         * The comments of one channel post (getMessageThreadHistory): the page's items are messages of
         * {@code group}, the channel's discussion group; filters do not apply.
         *
         * @param group  the discussion group
         * @param postId the server id of the post in the page's chat (the channel)
         */
        record Comments(Chat group, long postId) implements Scope {
        }
    }
}
