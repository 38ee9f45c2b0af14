package dev.tgdl.telegram;

/**
 * Where a message sits inside its chat besides its id: in no thread, in a forum topic, or among the
 * comments of a channel post (which live in the channel's discussion group).
 */
public sealed interface MessageThread {

    /** A message of no topic and no comment thread. */
    MessageThread NONE = new None();

    /** No thread. */
    record None() implements MessageThread {
    }

    /**
     * A message of a forum topic.
     *
     * @param id   the forum topic id
     * @param name the topic's name ("" while unknown)
     */
    record Topic(long id, String name) implements MessageThread {
    }

    /**
     * A comment of a channel post: the message itself is in the channel's discussion group.
     *
     * @param channel the channel of the post
     * @param postId  the server id of the post in the channel
     */
    record Comment(Chat channel, long postId) implements MessageThread {
    }
}
