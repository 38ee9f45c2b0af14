package dev.tgdl.telegram;

import dev.tgdl.td.TdApi;
import dev.tgdl.td.TdClient;
import dev.tgdl.td.TdException;
import dev.tgdl.td.TdFunctions;
import dev.tgdl.td.TdUpdateListener;
import java.util.Collection;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link ChatFeed} of a TDLib client: its updates, filtered to the chats followed. */
final class TdChatFeed implements ChatFeed {

    private static final Logger LOG = LoggerFactory.getLogger(TdChatFeed.class);
    /** The low 20 bits of a message id are 0 for server messages; others are local or being sent. */
    private static final long LOCAL_BITS = (1L << 20) - 1;

    private final TdClient client;

    TdChatFeed(TdClient client) {
        this.client = client;
    }

    @Override
    public Subscription follow(Collection<Long> chatIds, Consumer<ChatEvent> listener) {
        Set<Long> chats = Set.copyOf(chatIds);
        TdUpdateListener updates = new Filter(chats, listener);
        client.addUpdateListener(updates);
        try {
            for (long chat : chats) {
                call(new TdFunctions.OpenChat(chat), "open chat " + chat);
            }
        } catch (RuntimeException e) {
            client.removeUpdateListener(updates);
            throw e;
        }
        return () -> {
            client.removeUpdateListener(updates);
            for (long chat : chats) {
                try {
                    call(new TdFunctions.CloseChat(chat), "close chat " + chat);
                } catch (TelegramException e) {
                    LOG.debug("closeChat {}: {}", chat, e.getMessage()); // closing the client closes it anyway
                }
            }
        };
    }

    private void call(TdApi.Function<TdApi.Ok> function, String context) {
        try {
            client.call(function);
        } catch (TdException e) {
            throw TdErrors.map(e, context);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelegramException(TelegramException.Kind.TRANSIENT, context + ": interrupted", null, e);
        }
    }

    /** Whether a content holds a file tgdl downloads (the kinds {@link TdMessages} turns into media). */
    private static boolean downloadable(TdApi.MessageContent content) {
        return content != null && !(content instanceof TdApi.MessageText) && !(content instanceof TdApi.MessageOther);
    }

    /** Turns the updates of the followed chats into events; runs on the receive thread. */
    private static final class Filter implements TdUpdateListener {
        private final Set<Long> chats;
        private final Consumer<ChatEvent> listener;
        /** Ready until TDLib says otherwise: the session was connected when the watch began. */
        private boolean ready = true;

        Filter(Set<Long> chats, Consumer<ChatEvent> listener) {
            this.chats = chats;
            this.listener = listener;
        }

        @Override
        public void onUpdate(TdApi.Update update) {
            switch (update) {
                case TdApi.UpdateNewMessage(TdApi.Message m) when m != null && chats.contains(m.chatId())
                        && (m.id() & LOCAL_BITS) == 0 ->
                        listener.accept(new ChatEvent.NewPost(m.chatId(), m.id() >> 20));
                // updateMessageEdited follows with the edit date only; the content is what matters here
                case TdApi.UpdateMessageContent(long chatId, long messageId, TdApi.MessageContent content)
                        when chats.contains(chatId) && (messageId & LOCAL_BITS) == 0 && downloadable(content) ->
                        listener.accept(new ChatEvent.MediaAdded(chatId, messageId >> 20));
                case TdApi.UpdateConnectionState(TdApi.ConnectionState state) -> {
                    boolean now = state == null || state instanceof TdApi.ConnectionStateReady;
                    if (now && !ready) {
                        listener.accept(new ChatEvent.Reconnected());
                    }
                    ready = now;
                }
                default -> {
                }
            }
        }
    }
}
