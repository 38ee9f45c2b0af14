package dev.tgdl.telegram;

/**
 * What a {@link ChatFeed} reports: a chat got a new post, an edit gave a post a file, or the
 * connection to Telegram came back after being lost (anything may have been posted meanwhile).
 */
public sealed interface ChatEvent {

    /**
     * A new message ({@code updateNewMessage}).
     *
     * @param chatId    its chat
     * @param messageId its number, as in t.me links
     */
    record NewPost(long chatId, long messageId) implements ChatEvent {
    }

    /**
     * An edit changed a message's content to one with a file tgdl can download ({@code updateMessageContent}).
     *
     * @param chatId    its chat
     * @param messageId its number, as in t.me links
     */
    record MediaAdded(long chatId, long messageId) implements ChatEvent {
    }

    /** TDLib's connection is ready again after it was not ({@code updateConnectionState}). */
    record Reconnected() implements ChatEvent {
    }
}
