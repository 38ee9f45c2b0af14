package dev.tgdl.telegram;

/**
 * A topic of a forum supergroup ({@code forumTopicInfo}).
 *
 * @param id      the forum topic id ({@code forum_topic_id}): the server id of the message that opened the
 *                topic, 1 for the General topic
 * @param name    the topic's name as Telegram sends it (hostile input)
 * @param general whether it is the General topic
 */
public record ForumTopic(long id, String name, boolean general) {

    /** The id of the General topic (TDLib's ForumTopicId::general()). */
    public static final long GENERAL = 1;
}
