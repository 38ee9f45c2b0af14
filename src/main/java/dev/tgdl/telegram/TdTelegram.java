package dev.tgdl.telegram;

import dev.tgdl.td.TdApi;
import dev.tgdl.td.TdClient;
import dev.tgdl.td.TdException;
import dev.tgdl.td.TdFunctions;
import dev.tgdl.td.TdUpdateListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Telegram} port over a logged-in TDLib client. Downloads use the asynchronous
 * {@code downloadFile} and follow {@code updateFile}; TDLib errors become {@link TelegramException}s.
 */
public final class TdTelegram implements Telegram {

    private static final Logger LOG = LoggerFactory.getLogger(TdTelegram.class);

    private static final int PAGE = 100;
    /** The most chats one loadChats loads (TDLib caps its limit there: LoadChatsRequest in td/telegram/Requests.cpp). */
    private static final int CHATS_PAGE = 100;

    private final TdClient client;
    private final Map<Integer, TdDownload> downloads = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<TdApi.UpdateMessageSendFailed>> sends = new ConcurrentHashMap<>();
    private final TdUpdateListener listener = this::onUpdate;
    private final List<Runnable> speedLimitListeners = new CopyOnWriteArrayList<>();
    private volatile boolean connected = true;
    private volatile Account account;

    TdTelegram(TdClient client) {
        this.client = client;
        client.addUpdateListener(listener);
    }

    void detach() {
        client.removeUpdateListener(listener);
        downloads.values().forEach(d -> d.fail(new TelegramException(TelegramException.Kind.TRANSIENT, "session closed")));
    }

    private <R> R call(TdApi.Function<R> function, String context) {
        try {
            return client.call(function);
        } catch (TdException e) {
            throw TdErrors.map(e, context);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelegramException(TelegramException.Kind.TRANSIENT, context + ": interrupted", null, e);
        }
    }

    @Override
    public Account me() {
        Account a = account;
        if (a == null) {
            TdApi.User user = call(new TdFunctions.GetMe(), "getMe");
            a = new Account(user.id(), nonNull(user.firstName()), nonNull(user.lastName()), firstUsername(user.usernames()),
                    nonNull(user.phoneNumber()), user.isPremium());
            account = a;
        }
        return a;
    }

    // ---------------------------------------------------------------- sources

    @Override
    public ResolvedSource resolve(SourceRef ref, boolean join) {
        return switch (ref) {
            case SourceRef.Username u -> new ResolvedSource(ref, chatByUsername(u.username()), Optional.empty());
            case SourceRef.PublicPost p -> resolvePublicPost(p);
            case SourceRef.PrivatePost p -> resolvePrivatePost(p);
            case SourceRef.ChatId c -> new ResolvedSource(ref, chat(call(new TdFunctions.GetChat(c.chatId()),
                    "chat " + c.chatId())), Optional.empty());
            case SourceRef.InviteLink i -> resolveInvite(i, join);
        };
    }

    @Override
    public Optional<Chat> knownChat(long chatId) {
        try {
            return Optional.of(chat(call(new TdFunctions.GetChat(chatId), "chat " + chatId)));
        } catch (TelegramException e) {
            if (e.kind() == TelegramException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Chat chatByUsername(String username) {
        TdApi.Chat chat = call(new TdFunctions.SearchPublicChat(username), "@" + username);
        return chat(chat, Optional.of(username));
    }

    private ResolvedSource resolvePublicPost(SourceRef.PublicPost p) {
        TdApi.Chat chat = call(new TdFunctions.SearchPublicChat(p.username()), "@" + p.username());
        return post(p, chat, chat(chat, Optional.of(p.username())), p.serverMessageId(), p.topicId());
    }

    private ResolvedSource resolvePrivatePost(SourceRef.PrivatePost p) {
        // the link with its middle number, if any: TDLib reads it, and its topic_id says whether that is a topic
        String url = "https://t.me/c/" + p.channelId() + "/"
                + (p.topicId().isPresent() ? p.topicId().getAsLong() + "/" : "") + p.serverMessageId();
        TdApi.MessageLinkInfo info = call(new TdFunctions.GetMessageLinkInfo(url), url);
        if (info.chatId() == 0) {
            throw new TelegramException(TelegramException.Kind.ACCESS_DENIED,
                    url + ": this account cannot see that chat (not a member?)");
        }
        TdApi.Chat chat = call(new TdFunctions.GetChat(info.chatId()), url);
        if (p.topicId().isEmpty() && info.message() == null
                && info.topicId() instanceof TdApi.MessageTopicForum(int forumTopicId)) {
            // a topic's link: TDLib answers it with the topic and no message
            return new ResolvedSource(p, chat(chat), Optional.empty(), OptionalLong.of(forumTopicId));
        }
        // t.me/c/CHANNEL/N/ID names a topic only in a forum; elsewhere N is a reply thread and ID the message
        OptionalLong topic = p.topicId().isPresent() && info.topicId() instanceof TdApi.MessageTopicForum(int forumTopicId)
                ? OptionalLong.of(forumTopicId) : OptionalLong.empty();
        return post(p, chat, chat(chat), p.serverMessageId(), topic);
    }

    /**
     * A message link as a source: that message, in the topic the link names; or, in a forum, the whole
     * topic when the link is a topic's: its message is the one that opened the topic, or it is 1, the General
     * topic (the links getForumTopicLink writes, td/telegram/ForumTopicManager.cpp; getMessageLinkInfo reads
     * them so too, MessagesManager::get_message_link_info_object). In a chat that is no forum the middle number
     * of {@code t.me/name/N/ID} is a reply thread (a comment's link): the link is message ID alone.
     */
    private ResolvedSource post(SourceRef ref, TdApi.Chat td, Chat chat, long serverId, OptionalLong topic) {
        if (!isForum(td)) {
            return new ResolvedSource(ref, chat, Optional.of(serverId));
        }
        if (topic.isPresent()) {
            return new ResolvedSource(ref, chat, Optional.of(serverId), topic);
        }
        boolean opensTopic = serverId == ForumTopic.GENERAL || call(new TdFunctions.GetMessage(chat.id(), serverId << 20),
                chat.displayName() + "/" + serverId).content() instanceof TdApi.MessageForumTopicCreated;
        if (opensTopic) {
            return new ResolvedSource(ref, chat, Optional.empty(), OptionalLong.of(serverId));
        }
        return new ResolvedSource(ref, chat, Optional.of(serverId));
    }

    private boolean isForum(TdApi.Chat chat) {
        return supergroup(chat).map(TdApi.Supergroup::isForum).orElse(false);
    }

    private Optional<TdApi.Supergroup> supergroup(TdApi.Chat chat) {
        if (chat.type() instanceof TdApi.ChatTypeSupergroup(long supergroupId, _)) {
            return Optional.of(call(new TdFunctions.GetSupergroup(supergroupId), "supergroup " + supergroupId));
        }
        return Optional.empty();
    }

    private ResolvedSource resolveInvite(SourceRef.InviteLink link, boolean join) {
        TdApi.ChatInviteLinkInfo info = call(new TdFunctions.CheckChatInviteLink(link.url()), link.url());
        long chatId = info.chatId();
        if (chatId == 0 || info.accessibleFor() > 0) {
            if (!join) {
                throw new TelegramException(TelegramException.Kind.ACCESS_DENIED, link.url() + ": not a member of '"
                        + nonNull(info.title()) + "'; pass --join to join through this invite link");
            }
            TdApi.ChatJoinResult result = call(new TdFunctions.JoinChatByInviteLink(link.url()), link.url());
            if (!(result instanceof TdApi.ChatJoinResultSuccess(long joined))) {
                throw new TelegramException(TelegramException.Kind.ACCESS_DENIED, link.url()
                        + ": joining needs an administrator's approval; the request was sent, run again once approved");
            }
            chatId = joined;
        }
        return new ResolvedSource(link, chat(call(new TdFunctions.GetChat(chatId), link.url())), Optional.empty());
    }

    private Chat chat(TdApi.Chat chat) {
        Optional<String> username = Optional.empty();
        if (chat.type() instanceof TdApi.ChatTypeSupergroup(long supergroupId, boolean isChannel)) {
            TdApi.Supergroup group = call(new TdFunctions.GetSupergroup(supergroupId), "supergroup " + supergroupId);
            username = firstUsername(group.usernames());
        }
        return chat(chat, username);
    }

    private static Chat chat(TdApi.Chat chat, Optional<String> username) {
        return new Chat(chat.id(), nonNull(chat.title()), username);
    }

    // ---------------------------------------------------------------- the chat list

    /**
     * loadChats on the main list until TDLib answers 404 (all loaded) or the first {@code limit} chats
     * are loaded, then getChats for their ids, then getChat and the chat's supergroup, basic group or
     * user for each: those are answered from what TDLib already has.
     */
    @Override
    public List<ChatSummary> chats(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, not " + limit);
        }
        boolean all = limit == Integer.MAX_VALUE;
        List<Long> ids = null;
        while (ids == null && loadMoreChats(Math.min(limit, CHATS_PAGE))) {
            if (!all) {
                List<Long> loaded = chatIds(limit);
                ids = loaded.size() >= limit ? loaded : null;
            }
        }
        List<ChatSummary> chats = new ArrayList<>();
        for (long id : ids == null ? chatIds(limit) : ids) {
            chats.add(summary(call(new TdFunctions.GetChat(id), "chat " + id)));
        }
        return chats;
    }

    private List<Long> chatIds(int limit) {
        TdApi.Chats chats = call(new TdFunctions.GetChats(TdFunctions.CHAT_LIST_MAIN, limit), "chat list");
        return chats.chatIds() == null ? List.of() : chats.chatIds();
    }

    /** One loadChats of the main list; false when TDLib answers 404: every chat is loaded. */
    private boolean loadMoreChats(int limit) {
        try {
            client.call(new TdFunctions.LoadChats(TdFunctions.CHAT_LIST_MAIN, limit));
            return true;
        } catch (TdException e) {
            if (e.code() == 404) {
                return false;
            }
            throw TdErrors.map(e, "chat list");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelegramException(TelegramException.Kind.TRANSIENT, "chat list: interrupted", null, e);
        }
    }

    private ChatSummary summary(TdApi.Chat chat) {
        String title = nonNull(chat.title());
        return switch (chat.type()) {
            case TdApi.ChatTypeSupergroup(long supergroupId, boolean isChannel) -> {
                TdApi.Supergroup group = call(new TdFunctions.GetSupergroup(supergroupId), "supergroup " + supergroupId);
                yield new ChatSummary(chat.id(), firstUsername(group.usernames()), title,
                        isChannel ? ChatSummary.Type.CHANNEL : ChatSummary.Type.GROUP,
                        group.memberCount() > 0 ? OptionalInt.of(group.memberCount()) : OptionalInt.empty());
            }
            case TdApi.ChatTypeBasicGroup(long basicGroupId) -> {
                TdApi.BasicGroup group = call(new TdFunctions.GetBasicGroup(basicGroupId), "basic group " + basicGroupId);
                yield new ChatSummary(chat.id(), Optional.empty(), title, ChatSummary.Type.GROUP,
                        OptionalInt.of(group.memberCount()));
            }
            case TdApi.ChatTypePrivate(long userId) -> privateChat(chat, userId);
            case TdApi.ChatTypeSecret(_, long userId) -> privateChat(chat, userId);
            case null -> new ChatSummary(chat.id(), Optional.empty(), title, ChatSummary.Type.PRIVATE, OptionalInt.empty());
        };
    }

    private ChatSummary privateChat(TdApi.Chat chat, long userId) {
        TdApi.User user = call(new TdFunctions.GetUser(userId), "user " + userId);
        return new ChatSummary(chat.id(), firstUsername(user.usernames()), nonNull(chat.title()), ChatSummary.Type.PRIVATE,
                OptionalInt.empty());
    }

    private static Optional<String> firstUsername(TdApi.Usernames usernames) {
        return Optional.ofNullable(usernames).flatMap(u -> Optional.ofNullable(u.activeUsernames()))
                .flatMap(list -> list.stream().findFirst());
    }

    // ---------------------------------------------------------------- history

    @Override
    public MediaPage page(PageRequest request) {
        Chat chat = request.chat();
        List<TdApi.Message> messages;
        OptionalLong next;
        MessageThread thread = MessageThread.NONE;
        Chat itemChat = chat;
        if (request.scope() instanceof PageRequest.Scope.Topic(ForumTopic topic)) {
            thread = new MessageThread.Topic(topic.id(), topic.name());
            if (request.filter().isPresent()) {
                TdApi.FoundChatMessages found = call(new TdFunctions.SearchTopicMessages(chat.id(),
                        new TdFunctions.MessageTopicForum((int) topic.id()), "", request.cursor(), 0, PAGE,
                        new TdFunctions.TypeOnly(request.filter().get().tdType())), chat.displayName());
                messages = found.messages() == null ? List.of() : found.messages();
                next = found.nextFromMessageId() == 0 ? OptionalLong.empty() : OptionalLong.of(found.nextFromMessageId());
            } else {
                messages = list(call(new TdFunctions.GetForumTopicHistory(chat.id(), (int) topic.id(), request.cursor(), 0,
                        PAGE), chat.displayName() + " topic " + topic.id()));
                next = belowOldest(messages);
            }
        } else if (request.scope() instanceof PageRequest.Scope.Comments(Chat group, long postId)) {
            thread = new MessageThread.Comment(chat, postId);
            itemChat = group;
            messages = list(call(new TdFunctions.GetMessageThreadHistory(chat.id(), postId << 20, request.cursor(), 0, PAGE),
                    chat.displayName() + "/" + postId + " comments"));
            next = belowOldest(messages);
        } else if (request.filter().isPresent()) {
            TdApi.FoundChatMessages found = call(new TdFunctions.SearchChatMessages(chat.id(), "", request.cursor(), 0,
                    PAGE, new TdFunctions.TypeOnly(request.filter().get().tdType())), chat.displayName());
            messages = found.messages() == null ? List.of() : found.messages();
            next = found.nextFromMessageId() == 0 ? OptionalLong.empty() : OptionalLong.of(found.nextFromMessageId());
        } else {
            TdApi.Messages page = call(new TdFunctions.GetChatHistory(chat.id(), request.cursor(), 0, PAGE, false),
                    chat.displayName());
            messages = page.messages() == null ? List.of() : page.messages();
            // an empty page ends the history; otherwise continue below the oldest message received
            next = messages.isEmpty() ? OptionalLong.empty()
                    : OptionalLong.of(messages.stream().mapToLong(TdApi.Message::id).min().orElseThrow());
        }
        List<MediaItem> items = new ArrayList<>(messages.size());
        List<MessageInfo> scanned = new ArrayList<>(messages.size());
        List<Long> commented = new ArrayList<>();
        long oldest = 0;
        long newest = 0;
        for (TdApi.Message m : messages) {
            MessageThread in = thread;
            Optional<MediaItem> item = TdMessages.media(itemChat, m)
                    .map(i -> in == MessageThread.NONE ? i : i.withThread(in));
            item.ifPresent(items::add);
            if (TdMessages.comments(m) > 0) {
                commented.add(m.id() >> 20);
            }
            scanned.add(TdMessages.info(m, item.map(MediaItem::type)));
            long serverId = m.id() >> 20;
            oldest = oldest == 0 ? serverId : Math.min(oldest, serverId);
            newest = Math.max(newest, serverId);
        }
        items.sort(Comparator.comparingLong(MediaItem::messageId).reversed());
        scanned.sort(Comparator.comparingLong(MessageInfo::messageId).reversed());
        commented.sort(Comparator.reverseOrder());
        return new MediaPage(items, messages.size(), next, newest, oldest, scanned, commented);
    }

    private static List<TdApi.Message> list(TdApi.Messages page) {
        return page.messages() == null ? List.of() : page.messages();
    }

    /**
     * The cursor below a page of getForumTopicHistory or getMessageThreadHistory. Unlike getChatHistory they
     * include from_message_id itself (MessagesManager::get_message_thread_history searches from the next server
     * id down), so the next page starts one server id below the oldest message; an empty page, or one that
     * reached message 1, ends the scan.
     */
    private static OptionalLong belowOldest(List<TdApi.Message> messages) {
        long oldest = messages.stream().mapToLong(m -> m.id() >> 20).min().orElse(0);
        return oldest <= 1 ? OptionalLong.empty() : OptionalLong.of((oldest - 1) << 20);
    }

    @Override
    public long count(Chat chat, Optional<SearchFilter> filter) {
        String type = filter.map(SearchFilter::tdType).orElse("searchMessagesFilterEmpty");
        return call(new TdFunctions.GetChatMessageCount(chat.id(), new TdFunctions.TypeOnly(type), false),
                chat.displayName()).count();
    }

    @Override
    public List<MediaItem> message(Chat chat, long serverMessageId) {
        TdApi.Message message = call(new TdFunctions.GetMessage(chat.id(), serverMessageId << 20),
                chat.displayName() + "/" + serverMessageId);
        Optional<MediaItem> item = TdMessages.media(chat, message);
        if (item.isPresent() && message.topicId() instanceof TdApi.MessageTopicThread(long threadId)
                && threadId != message.id()) {
            Optional<MessageThread> post = commentedPost(chat, threadId);
            if (post.isPresent()) {
                return List.of(item.get().withThread(post.get()));
            }
        }
        return item.stream().toList();
    }

    /**
     * The channel post a discussion group's thread comments on: the thread's first message is the post's
     * automatic forward, whose origin is the post (messageOriginChannel).
     */
    private Optional<MessageThread> commentedPost(Chat group, long threadId) {
        TdApi.Message head = call(new TdFunctions.GetMessage(group.id(), threadId), group.displayName() + "/" + (threadId >> 20));
        if (head.forwardInfo() != null && head.forwardInfo().origin() instanceof TdApi.MessageOriginChannel(long channelId,
                long postId)) {
            return knownChat(channelId).map(channel -> new MessageThread.Comment(channel, postId >> 20));
        }
        return Optional.empty();
    }

    @Override
    public List<MediaItem> messageWithAlbum(Chat chat, long serverMessageId) {
        TdApi.Message message = call(new TdFunctions.GetMessage(chat.id(), serverMessageId << 20),
                chat.displayName() + "/" + serverMessageId);
        if (message.mediaAlbumId() == 0) {
            return TdMessages.media(chat, message).stream().toList();
        }
        // an album has at most 10 messages, with consecutive ids: a window around the message holds them all
        TdApi.Messages around = call(new TdFunctions.GetChatHistory(chat.id(), (serverMessageId + 10) << 20, 0, 21, false),
                chat.displayName() + "/" + serverMessageId);
        List<MediaItem> album = new ArrayList<>();
        for (TdApi.Message m : around.messages() == null ? List.<TdApi.Message>of() : around.messages()) {
            if (m.mediaAlbumId() == message.mediaAlbumId()) {
                TdMessages.media(chat, m).ifPresent(album::add);
            }
        }
        if (album.stream().noneMatch(i -> i.messageId() == serverMessageId)) {
            TdMessages.media(chat, message).ifPresent(album::add);
        }
        album.sort(Comparator.comparingLong(MediaItem::messageId));
        return album;
    }

    // ---------------------------------------------------------------- files

    @Override
    public Download download(RemoteFile file, int priority, DownloadListener progress) {
        TdDownload download = new TdDownload(file, progress);
        TdDownload previous = downloads.put(file.fileId(), download);
        if (previous != null) {
            previous.fail(new TelegramException(TelegramException.Kind.TRANSIENT, "superseded by a new download of the same file"));
        }
        client.send(new TdFunctions.DownloadFile(file.fileId(), priority, 0, 0, false)).whenComplete((f, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                download.fail(cause instanceof TdException td ? TdErrors.map(td, "download " + file.uniqueId())
                        : new TelegramException(TelegramException.Kind.TRANSIENT, "download " + file.uniqueId()
                        + ": " + cause, null, cause));
            } else {
                download.onFile(f, true);
            }
        });
        return download;
    }

    @Override
    public void discardLocalCopy(RemoteFile file) {
        try {
            client.call(new TdFunctions.DeleteFile(file.fileId()));
        } catch (TdException e) {
            // the copy is already gone or was never there: nothing to discard
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- messages

    @Override
    public void sendText(long chatId, String text) {
        TdApi.Message pending = call(TdFunctions.SendMessage.text(chatId, text), "send to " + chatId);
        CompletableFuture<TdApi.UpdateMessageSendFailed> outcome = sends.computeIfAbsent(pending.id(), id -> new CompletableFuture<>());
        try {
            TdApi.UpdateMessageSendFailed failed = client.clock().await(outcome);
            if (failed != null) {
                TdApi.Error error = failed.error();
                throw TdErrors.map(TdException.of(error.code(), error.message()), "send to " + chatId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelegramException(TelegramException.Kind.TRANSIENT, "send interrupted", null, e);
        } catch (ExecutionException e) {
            throw new TelegramException(TelegramException.Kind.TRANSIENT, "send to " + chatId + ": " + e.getCause(), null, e);
        } finally {
            sends.remove(pending.id());
        }
    }

    @Override
    public long savedMessagesChatId() {
        return me().id();
    }

    @Override
    public long resolveChatId(String destination) {
        String d = destination.trim();
        if (d.equalsIgnoreCase("me") || d.equalsIgnoreCase("saved")) {
            return savedMessagesChatId();
        }
        SourceRef ref = SourceRef.parse(d);
        return resolve(ref, false).chat().id();
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void onSpeedLimit(Runnable listener) {
        speedLimitListeners.add(listener);
    }

    @Override
    public void removeSpeedLimitListener(Runnable listener) {
        speedLimitListeners.remove(listener);
    }

    private void onUpdate(TdApi.Update update) {
        switch (update) {
            case TdApi.UpdateFile(TdApi.File file) when file != null -> {
                TdDownload d = downloads.get(file.id());
                if (d != null) {
                    d.onFile(file, false);
                }
            }
            case TdApi.UpdateConnectionState(TdApi.ConnectionState state) -> {
                connected = state instanceof TdApi.ConnectionStateReady || state == null;
                LOG.debug("connection: {}", state == null ? "unknown" : state.getClass().getSimpleName());
            }
            case TdApi.UpdateSpeedLimitNotification(boolean isUpload) when !isUpload ->
                    speedLimitListeners.forEach(Runnable::run);
            case TdApi.UpdateMessageSendSucceeded s ->
                    sends.computeIfAbsent(s.oldMessageId(), id -> new CompletableFuture<>()).complete(null);
            case TdApi.UpdateMessageSendFailed f ->
                    sends.computeIfAbsent(f.oldMessageId(), id -> new CompletableFuture<>()).complete(f);
            default -> {
            }
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    // ---------------------------------------------------------------- forum topics and discussion groups

    /** The most topics one getForumTopics returns (ForumTopicManager::get_forum_topics asks the server for up to 100). */
    private static final int TOPICS_PAGE = 100;

    /**
     * getForumTopics until a page is empty or total_count topics are in, each page starting at the offsets the
     * last one returned (td/telegram/ForumTopicManager.cpp, on_get_forum_topics).
     */
    @Override
    public Optional<List<ForumTopic>> forumTopics(Chat chat) {
        TdApi.Chat td = call(new TdFunctions.GetChat(chat.id()), chat.displayName());
        if (!isForum(td)) {
            return Optional.empty();
        }
        List<ForumTopic> topics = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        int offsetDate = 0;
        long offsetMessage = 0;
        int offsetTopic = 0;
        while (true) {
            TdApi.ForumTopics page = call(new TdFunctions.GetForumTopics(chat.id(), "", offsetDate, offsetMessage, offsetTopic,
                    TOPICS_PAGE), chat.displayName() + " topics");
            List<TdApi.ForumTopic> got = page.topics() == null ? List.of() : page.topics();
            int before = topics.size();
            for (TdApi.ForumTopic t : got) {
                if (t != null && t.info() != null && seen.add((long) t.info().forumTopicId())) {
                    topics.add(new ForumTopic(t.info().forumTopicId(), nonNull(t.info().name()), t.info().isGeneral()));
                }
            }
            if (topics.size() == before || topics.size() >= page.totalCount()) {
                return Optional.of(List.copyOf(topics));
            }
            offsetDate = page.nextOffsetDate();
            offsetMessage = page.nextOffsetMessageId();
            offsetTopic = page.nextOffsetForumTopicId();
        }
    }

    @Override
    public Optional<Chat> discussionGroup(Chat chat) {
        TdApi.Chat td = call(new TdFunctions.GetChat(chat.id()), chat.displayName());
        Optional<TdApi.Supergroup> group = supergroup(td);
        if (group.isEmpty() || !group.get().isChannel() || !group.get().hasLinkedChat()) {
            return Optional.empty();
        }
        long linked = call(new TdFunctions.GetSupergroupFullInfo(group.get().id()), chat.displayName()).linkedChatId();
        if (linked == 0) {
            return Optional.empty();
        }
        return Optional.of(chat(call(new TdFunctions.GetChat(linked), chat.displayName() + " discussion group")));
    }

    /** One asynchronous download, driven by TDLib's answers and updateFile. */
    private final class TdDownload implements Download {
        private final RemoteFile file;
        private final DownloadListener progress;
        private final CompletableFuture<Path> completion = new CompletableFuture<>();
        private volatile long downloaded;
        private volatile boolean cancelled;
        private volatile boolean started;
        private volatile boolean answered;

        TdDownload(RemoteFile file, DownloadListener progress) {
            this.file = file;
            this.progress = progress;
        }

        void onFile(TdApi.File f, boolean answer) {
            if (completion.isDone() || f.local() == null) {
                return;
            }
            TdApi.LocalFile local = f.local();
            if (answer) {
                answered = true;
            }
            if (!answer && !answered && !started && !local.isDownloadingActive() && !local.isDownloadingCompleted()) {
                // an update sent before TDLib took this request: the stop of an earlier request of the same
                // file (a cancel just before a retry), not news about this one
                return;
            }
            if (local.isDownloadingCompleted() && local.path() != null && !local.path().isEmpty()) {
                downloaded = local.downloadedSize();
                progress.onProgress(downloaded, f.size());
                finish();
                completion.complete(Path.of(local.path()));
                return;
            }
            if (local.isDownloadingActive()) {
                started = true;
                // downloaded_size, not the prefix: parts finish out of order, and any part is progress
                if (local.downloadedSize() != downloaded) {
                    downloaded = local.downloadedSize();
                    progress.onProgress(downloaded, f.size());
                }
                return;
            }
            // neither active nor complete: TDLib stopped it (cancelled, or failed without a reason);
            // an answer that is not active yet can still start, unless it cannot be downloaded at all
            if (answer && !started && local.canBeDownloaded() && !cancelled) {
                return;
            }
            if (local.downloadedSize() != downloaded) {
                // what TDLib got before it stopped: a partial that the next attempt resumes
                downloaded = local.downloadedSize();
                progress.onProgress(downloaded, f.size());
            }
            fail(cancelled ? new TelegramException(TelegramException.Kind.TRANSIENT, "download of " + file.uniqueId()
                    + " cancelled") : new TelegramException(TelegramException.Kind.STOPPED, "TDLib stopped the download of "
                    + file.uniqueId() + " without a reason (after " + downloaded + " of " + file.size() + " bytes)"));
        }

        void fail(TelegramException e) {
            finish();
            completion.completeExceptionally(e);
        }

        private void finish() {
            downloads.remove(file.fileId(), this);
        }

        @Override
        public CompletableFuture<Path> completion() {
            return completion;
        }

        @Override
        public void setPriority(int priority) {
            if (!completion.isDone()) {
                // a new downloadFile of an active file only moves it in TDLib's queue (ResourceManager::update_priority)
                client.send(new TdFunctions.DownloadFile(file.fileId(), priority, 0, 0, false));
            }
        }

        @Override
        public void cancel() {
            if (completion.isDone()) {
                return;
            }
            cancelled = true;
            client.send(new TdFunctions.CancelDownloadFile(file.fileId(), false))
                    .whenComplete((ok, error) -> fail(new TelegramException(TelegramException.Kind.TRANSIENT,
                            "download of " + file.uniqueId() + " cancelled")));
        }
    }
}
