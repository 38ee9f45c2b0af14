package dev.tgdl.telegram;

import java.util.Collection;
import java.util.function.Consumer;

/**
 * New and edited posts of chats as they happen, for {@code tgdl watch}. Kept apart from the
 * {@link Telegram} port: the engine never follows updates, it only scans.
 */
public interface ChatFeed {

    /**
     * Starts passing on the events of {@code chatIds}, and of the connection, to {@code listener} (on
     * TDLib's receive thread: it must not block). The chats are opened, since TDLib receives the
     * updates of channels and supergroups only for opened chats (td_api.tl, openChat).
     *
     * @throws TelegramException when TDLib cannot open a chat
     */
    Subscription follow(Collection<Long> chatIds, Consumer<ChatEvent> listener);

    /** A {@link #follow} in force; closing it closes the chats and stops the events. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
