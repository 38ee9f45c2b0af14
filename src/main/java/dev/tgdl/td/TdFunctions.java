package dev.tgdl.td;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tgdl.td.TdApi.BasicGroup;
import dev.tgdl.td.TdApi.Chat;
import dev.tgdl.td.TdApi.ChatInviteLinkInfo;
import dev.tgdl.td.TdApi.ChatJoinResult;
import dev.tgdl.td.TdApi.Chats;
import dev.tgdl.td.TdApi.Count;
import dev.tgdl.td.TdApi.File;
import dev.tgdl.td.TdApi.ForumTopics;
import dev.tgdl.td.TdApi.FoundChatMessages;
import dev.tgdl.td.TdApi.Function;
import dev.tgdl.td.TdApi.Message;
import dev.tgdl.td.TdApi.MessageLinkInfo;
import dev.tgdl.td.TdApi.Messages;
import dev.tgdl.td.TdApi.Ok;
import dev.tgdl.td.TdApi.OptionValue;
import dev.tgdl.td.TdApi.Supergroup;
import dev.tgdl.td.TdApi.SupergroupFullInfo;
import dev.tgdl.td.TdApi.User;
import java.util.List;

/**
 * The TDLib functions tgdl calls, as records named and shaped after {@code td_api.tl}. The test
 * {@code SimSchemaTest} checks the requests of a full session against td_api.tl.
 */
public final class TdFunctions {

    private TdFunctions() {
    }

    /** A nested input object that has only a class, e.g. {@code searchMessagesFilterPhoto}. */
    public record TypeOnly(@JsonProperty("@type") String type) {
    }

    // ---------------------------------------------------------------- start-up and auth

    public record GetOption(String name) implements Function<OptionValue> {
        public String type() { return "getOption"; }
        public Class<OptionValue> resultType() { return OptionValue.class; }
    }

    /** {@code setTdlibParameters}; the encryption key is base64 (TDLib's {@code bytes}). */
    public record SetTdlibParameters(boolean useTestDc, String databaseDirectory, String filesDirectory,
                                     String databaseEncryptionKey, boolean useFileDatabase,
                                     boolean useChatInfoDatabase, boolean useMessageDatabase, boolean useSecretChats,
                                     int apiId, String apiHash, String systemLanguageCode, String deviceModel,
                                     String systemVersion, String applicationVersion) implements Function<Ok> {
        public String type() { return "setTdlibParameters"; }
        public Class<Ok> resultType() { return Ok.class; }
    }

    public record SetAuthenticationPhoneNumber(String phoneNumber) implements Function<Ok> {
        public String type() { return "setAuthenticationPhoneNumber"; }
        public Class<Ok> resultType() { return Ok.class; }
    }

    public record RequestQrCodeAuthentication(List<Long> otherUserIds) implements Function<Ok> {
        public String type() { return "requestQrCodeAuthentication"; }
        public Class<Ok> resultType() { return Ok.class; }
    }

    public record CheckAuthenticationCode(String code) implements Function<Ok> {
        public String type() { return "checkAuthenticationCode"; }
        public Class<Ok> resultType() { return Ok.class; }
    }

    public record CheckAuthenticationPassword(String password) implements Function<Ok> {
        public String type() { return "checkAuthenticationPassword"; }
        public Class<Ok> resultType() { return Ok.class; }
    }

    public record LogOut() implements Function<Ok> {
        public String type() { return "logOut"; }
        public Class<Ok> resultType() { return Ok.class; }
    }

    public record Close() implements Function<Ok> {
        public String type() { return "close"; }
        public Class<Ok> resultType() { return Ok.class; }
    }

    public record GetMe() implements Function<User> {
        public String type() { return "getMe"; }
        public Class<User> resultType() { return User.class; }
    }

    // ---------------------------------------------------------------- proxies

    /** {@code proxy server:string port:int32 type:ProxyType}. */
    public record Proxy(@JsonProperty("@type") String objectType, String server, int port, ProxyType type) {
        public Proxy(String server, int port, ProxyType type) {
            this("proxy", server, port, type);
        }
    }

    /** {@code proxyTypeSocks5}, {@code proxyTypeHttp} or {@code proxyTypeMtproto}. */
    public record ProxyType(@JsonProperty("@type") String type, String username, String password, Boolean httpOnly,
                            String secret) {
        public static ProxyType socks5(String username, String password) {
            return new ProxyType("proxyTypeSocks5", username, password, null, null);
        }

        public static ProxyType http(String username, String password, boolean httpOnly) {
            return new ProxyType("proxyTypeHttp", username, password, httpOnly, null);
        }

        public static ProxyType mtproto(String secret) {
            return new ProxyType("proxyTypeMtproto", null, null, null, secret);
        }
    }

    public record AddProxy(Proxy proxy, boolean enable, String comment) implements Function<AddedProxy> {
        public String type() { return "addProxy"; }
        public Class<AddedProxy> resultType() { return AddedProxy.class; }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AddedProxy(int id, boolean isEnabled, String comment, Proxy proxy) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AddedProxies(List<AddedProxy> proxies) {
    }

    public record GetProxies() implements Function<AddedProxies> {
        public String type() { return "getProxies"; }
        public Class<AddedProxies> resultType() { return AddedProxies.class; }
    }

    public record EnableProxy(int proxyId) implements Function<Ok> {
        public String type() { return "enableProxy"; }
        public Class<Ok> resultType() { return Ok.class; }
    }

    public record DisableProxy() implements Function<Ok> {
        public String type() { return "disableProxy"; }
        public Class<Ok> resultType() { return Ok.class; }
    }

    // ---------------------------------------------------------------- chats

    public record SearchPublicChat(String username) implements Function<Chat> {
        public String type() { return "searchPublicChat"; }
        public Class<Chat> resultType() { return Chat.class; }
    }

    public record GetChat(long chatId) implements Function<Chat> {
        public String type() { return "getChat"; }
        public Class<Chat> resultType() { return Chat.class; }
    }

    public record GetSupergroup(long supergroupId) implements Function<Supergroup> {
        public String type() { return "getSupergroup"; }
        public Class<Supergroup> resultType() { return Supergroup.class; }
    }

    public record GetBasicGroup(long basicGroupId) implements Function<BasicGroup> {
        public String type() { return "getBasicGroup"; }
        public Class<BasicGroup> resultType() { return BasicGroup.class; }
    }

    public record GetUser(long userId) implements Function<User> {
        public String type() { return "getUser"; }
        public Class<User> resultType() { return User.class; }
    }

    /** The main chat list, {@code chatListMain} (a {@code ChatList} for loadChats and getChats). */
    public static final TypeOnly CHAT_LIST_MAIN = new TypeOnly("chatListMain");

    /**
     * {@code loadChats chat_list limit}: loads more chats of a list (TDLib picks how many, at most 100);
     * answers 404 once the whole list is loaded.
     */
    public record LoadChats(TypeOnly chatList, int limit) implements Function<Ok> {
        public String type() { return "loadChats"; }
        public Class<Ok> resultType() { return Ok.class; }
    }

    /** {@code getChats chat_list limit}: the first chats of a list, in the list's order. */
    public record GetChats(TypeOnly chatList, int limit) implements Function<Chats> {
        public String type() { return "getChats"; }
        public Class<Chats> resultType() { return Chats.class; }
    }

    public record GetMessageLinkInfo(String url) implements Function<MessageLinkInfo> {
        public String type() { return "getMessageLinkInfo"; }
        public Class<MessageLinkInfo> resultType() { return MessageLinkInfo.class; }
    }

    public record CheckChatInviteLink(String inviteLink) implements Function<ChatInviteLinkInfo> {
        public String type() { return "checkChatInviteLink"; }
        public Class<ChatInviteLinkInfo> resultType() { return ChatInviteLinkInfo.class; }
    }

    public record JoinChatByInviteLink(String inviteLink) implements Function<ChatJoinResult> {
        public String type() { return "joinChatByInviteLink"; }
        public Class<ChatJoinResult> resultType() { return ChatJoinResult.class; }
    }

    // ---------------------------------------------------------------- messages

    public record GetChatHistory(long chatId, long fromMessageId, int offset, int limit, boolean onlyLocal)
            implements Function<Messages> {
        public String type() { return "getChatHistory"; }
        public Class<Messages> resultType() { return Messages.class; }
    }

    /** {@code searchChatMessages}; topic and sender are left out (all topics, any sender). */
    public record SearchChatMessages(long chatId, String query, long fromMessageId, int offset, int limit,
                                     TypeOnly filter) implements Function<FoundChatMessages> {
        public String type() { return "searchChatMessages"; }
        public Class<FoundChatMessages> resultType() { return FoundChatMessages.class; }
    }

    public record GetChatMessageCount(long chatId, TypeOnly filter, boolean returnLocal) implements Function<Count> {
        public String type() { return "getChatMessageCount"; }
        public Class<Count> resultType() { return Count.class; }
    }

    public record GetMessage(long chatId, long messageId) implements Function<Message> {
        public String type() { return "getMessage"; }
        public Class<Message> resultType() { return Message.class; }
    }

    /** {@code sendMessage} of plain text ({@code inputMessageText}). */
    public record SendMessage(long chatId, InputMessageText inputMessageContent) implements Function<Message> {
        public String type() { return "sendMessage"; }
        public Class<Message> resultType() { return Message.class; }

        public static SendMessage text(long chatId, String text) {
            return new SendMessage(chatId, new InputMessageText("inputMessageText", new FormattedTextInput("formattedText", text)));
        }
    }

    public record InputMessageText(@JsonProperty("@type") String type, FormattedTextInput text) {
    }

    public record FormattedTextInput(@JsonProperty("@type") String type, String text) {
    }

    // ---------------------------------------------------------------- files

    public record DownloadFile(int fileId, int priority, long offset, long limit, boolean synchronous)
            implements Function<File> {
        public String type() { return "downloadFile"; }
        public Class<File> resultType() { return File.class; }
    }

    public record CancelDownloadFile(int fileId, boolean onlyIfPending) implements Function<Ok> {
        public String type() { return "cancelDownloadFile"; }
        public Class<Ok> resultType() { return Ok.class; }
    }

    public record GetFile(int fileId) implements Function<File> {
        public String type() { return "getFile"; }
        public Class<File> resultType() { return File.class; }
    }

    public record DeleteFile(int fileId) implements Function<Ok> {
        public String type() { return "deleteFile"; }
        public Class<Ok> resultType() { return Ok.class; }
    }

    /** {@code openChat chat_id:int53 = Ok}: in channels and supergroups, updates come only for opened chats. */
    public record OpenChat(long chatId) implements Function<Ok> {
        public String type() { return "openChat"; }
        public Class<Ok> resultType() { return Ok.class; }
    }

    /** {@code closeChat chat_id:int53 = Ok}. */
    public record CloseChat(long chatId) implements Function<Ok> {
        public String type() { return "closeChat"; }
        public Class<Ok> resultType() { return Ok.class; }
    }

    // ---------------------------------------------------------------- logging (td_execute)

    public record SetLogStream(LogStream logStream) implements Function<Ok> {
        public String type() { return "setLogStream"; }
        public Class<Ok> resultType() { return Ok.class; }
    }

    /** {@code logStreamFile path max_file_size redirect_stderr} or {@code logStreamEmpty}. */
    public record LogStream(@JsonProperty("@type") String type, String path, Long maxFileSize, Boolean redirectStderr) {
        public static LogStream file(String path, long maxFileSize) {
            return new LogStream("logStreamFile", path, maxFileSize, false);
        }
    }

    public record SetLogVerbosityLevel(int newVerbosityLevel) implements Function<Ok> {
        public String type() { return "setLogVerbosityLevel"; }
        public Class<Ok> resultType() { return Ok.class; }
    }

    // ---------------------------------------------------------------- forum topics and comments

    /**
     * A {@code MessageTopic} as a request names it: {@code messageTopicForum forum_topic_id:int32} (the
     * other classes are not needed by tgdl).
     */
    public record MessageTopicForum(@JsonProperty("@type") String type, int forumTopicId) {
        public MessageTopicForum(int forumTopicId) {
            this("messageTopicForum", forumTopicId);
        }
    }

    /** {@code getSupergroupFullInfo supergroup_id:int53}: for {@code linked_chat_id}, a channel's discussion group. */
    public record GetSupergroupFullInfo(long supergroupId) implements Function<SupergroupFullInfo> {
        public String type() { return "getSupergroupFullInfo"; }
        public Class<SupergroupFullInfo> resultType() { return SupergroupFullInfo.class; }
    }

    /** {@code getForumTopics chat_id query offset_date offset_message_id offset_forum_topic_id limit}. */
    public record GetForumTopics(long chatId, String query, int offsetDate, long offsetMessageId, int offsetForumTopicId,
                                 int limit) implements Function<ForumTopics> {
        public String type() { return "getForumTopics"; }
        public Class<ForumTopics> resultType() { return ForumTopics.class; }
    }

    /** {@code getForumTopicHistory chat_id forum_topic_id from_message_id offset limit}: one topic's messages, newest first. */
    public record GetForumTopicHistory(long chatId, int forumTopicId, long fromMessageId, int offset, int limit)
            implements Function<Messages> {
        public String type() { return "getForumTopicHistory"; }
        public Class<Messages> resultType() { return Messages.class; }
    }

    /** {@code searchChatMessages} within one forum topic ({@code topic_id} a {@code messageTopicForum}). */
    public record SearchTopicMessages(long chatId, MessageTopicForum topicId, String query, long fromMessageId, int offset,
                                      int limit, TypeOnly filter) implements Function<FoundChatMessages> {
        public String type() { return "searchChatMessages"; }
        public Class<FoundChatMessages> resultType() { return FoundChatMessages.class; }
    }

    /**
     * {@code getMessageThreadHistory chat_id message_id from_message_id offset limit}: for a channel post, the
     * comments in the channel's discussion group, newest first.
     */
    public record GetMessageThreadHistory(long chatId, long messageId, long fromMessageId, int offset, int limit)
            implements Function<Messages> {
        public String type() { return "getMessageThreadHistory"; }
        public Class<Messages> resultType() { return Messages.class; }
    }
}
