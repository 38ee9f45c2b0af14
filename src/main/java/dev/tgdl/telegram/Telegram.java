package dev.tgdl.telegram;

import java.util.List;
import java.util.Optional;

/**
 * The port through which the engine talks to Telegram. Each method is one TDLib call (or a short,
 * fixed sequence), so decorators can pace, time and retry calls one by one. Implemented for TDLib by
 * {@link TdTelegram}; failures are {@link TelegramException}s classified by kind.
 */
public interface Telegram {

    /** The logged-in account. */
    Account me();

    /**
     * Resolves a source to its chat.
     *
     * @param join join an invite link's chat when not a member yet
     */
    ResolvedSource resolve(SourceRef ref, boolean join);

    /**
     * A chat TDLib knows already (from this session or its chat database), by id: no username is
     * resolved. Empty when TDLib does not know it.
     */
    Optional<Chat> knownChat(long chatId);

    /**
     * The account's chats, in the order of its main chat list (as Telegram apps show it, newest
     * activity first; archived chats are not included).
     *
     * @param limit at most this many, from the top of the list (positive; {@link Integer#MAX_VALUE} for all)
     */
    List<ChatSummary> chats(int limit);

    /** One page of history or of a filtered search. */
    MediaPage page(PageRequest request);

    /**
     * How many messages of {@code chat} match {@code filter} (every message when empty), as
     * Telegram counts them; cheap, for progress and ETA.
     */
    long count(Chat chat, Optional<SearchFilter> filter);

    /** The media of one message (empty when it has none). */
    List<MediaItem> message(Chat chat, long serverMessageId);

    /** The media of one message, or of its whole album when it is part of one. */
    List<MediaItem> messageWithAlbum(Chat chat, long serverMessageId);

    /**
     * Starts (or resumes) downloading a file into TDLib's files folder.
     *
     * @param priority TDLib's priority, 1..32: TDLib serves higher first and, at equal priority, the
     *                 newest request first
     */
    Download download(RemoteFile file, int priority, DownloadListener listener);

    /** Drops TDLib's copy of a file (after tgdl moved it into place) and any partial data. */
    void discardLocalCopy(RemoteFile file);

    /**
     * Sends a text message and waits until Telegram accepted it.
     *
     * @param chatId the destination; {@link #savedMessagesChatId()} for Saved Messages
     */
    void sendText(long chatId, String text);

    /** The chat id of Saved Messages (the user's own chat). */
    long savedMessagesChatId();

    /** Resolves a notification destination: "me", @username or a chat id. */
    long resolveChatId(String destination);

    /** Whether TDLib reports a working connection (connectionStateReady). */
    boolean isConnected();

    /**
     * Runs {@code listener} each time TDLib says downloads are slowed by Telegram's speed limit for
     * accounts without Premium ({@code updateSpeedLimitNotification}, at most once an hour).
     */
    void onSpeedLimit(Runnable listener);

    /** Stops running a listener given to {@link #onSpeedLimit} (an engine whose run ended). */
    void removeSpeedLimitListener(Runnable listener);

    /**
     * Every topic of a forum supergroup (getForumTopics, paged), the General topic included; empty when
     * the chat is not a forum.
     */
    Optional<List<ForumTopic>> forumTopics(Chat chat);

    /**
     * The discussion group of a channel: the supergroup its posts' comments are in
     * ({@code supergroupFullInfo.linked_chat_id}); empty when the chat is no channel or has none.
     */
    Optional<Chat> discussionGroup(Chat chat);
}
