package dev.tgdl.td;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * Records for the TDLib objects and functions tgdl uses, named as in {@code td_api.tl} (the Java
 * names are camelCase; {@link TdCodec} maps them to TDLib's snake_case). Only the fields tgdl reads
 * or writes are declared; TDLib's others are ignored on input and take TDLib's defaults on output.
 *
 * <p>These records mirror the wire: an object field TDLib omits (TDLib never writes {@code null})
 * arrives as a {@code null} component. The {@code telegram} package turns them into its own
 * null-free values; nothing above it sees these types.
 */
public final class TdApi {

    private TdApi() {
    }

    /** A TDLib function whose result is a {@code R}. */
    public interface Function<R> {

        /** The function's {@code @type}, e.g. {@code downloadFile}. */
        String type();

        /** The record the result is read into. */
        Class<R> resultType();
    }

    // ---------------------------------------------------------------- common results

    /** {@code ok}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ok() {
    }

    /** {@code count count:int32}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Count(int count) {
    }

    /** {@code error code:int32 message:string}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Error(int code, String message) {
    }

    /** The {@code OptionValue} classes. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type", defaultImpl = OptionValueEmpty.class)
    @JsonSubTypes({
        @JsonSubTypes.Type(value = OptionValueString.class, name = "optionValueString"),
        @JsonSubTypes.Type(value = OptionValueInteger.class, name = "optionValueInteger"),
        @JsonSubTypes.Type(value = OptionValueBoolean.class, name = "optionValueBoolean"),
        @JsonSubTypes.Type(value = OptionValueEmpty.class, name = "optionValueEmpty"),
    })
    public sealed interface OptionValue permits OptionValueString, OptionValueInteger, OptionValueBoolean, OptionValueEmpty {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OptionValueString(String value) implements OptionValue {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OptionValueInteger(@JsonFormat(shape = JsonFormat.Shape.STRING) long value) implements OptionValue {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OptionValueBoolean(boolean value) implements OptionValue {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OptionValueEmpty() implements OptionValue {
    }

    // ---------------------------------------------------------------- files

    /** {@code file id:int32 size:int53 expected_size:int53 local:localFile remote:remoteFile}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record File(int id, long size, long expectedSize, LocalFile local, RemoteFile remote) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LocalFile(String path, boolean canBeDownloaded, boolean canBeDeleted, boolean isDownloadingActive,
                            boolean isDownloadingCompleted, long downloadOffset, long downloadedPrefixSize,
                            long downloadedSize) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RemoteFile(String id, String uniqueId, boolean isUploadingActive, boolean isUploadingCompleted,
                             long uploadedSize) {
    }

    // ---------------------------------------------------------------- messages and their media

    /**
     * The fields of {@code message} tgdl reads. {@code media_album_id} is an int64: a JSON string;
     * {@code sender_id}, {@code interaction_info}, {@code reply_to}, {@code topic_id} and
     * {@code forward_info} may be absent (null).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(long id, long chatId, int date, int editDate,
                          @JsonFormat(shape = JsonFormat.Shape.STRING) long mediaAlbumId, MessageContent content,
                          MessageSender senderId, MessageInteractionInfo interactionInfo, MessageReplyTo replyTo,
                          MessageTopic topicId, MessageForwardInfo forwardInfo) {
    }

    /** The {@code MessageSender} classes: {@code messageSenderUser user_id:int53}, {@code messageSenderChat chat_id:int53}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = MessageSenderUser.class, name = "messageSenderUser"),
        @JsonSubTypes.Type(value = MessageSenderChat.class, name = "messageSenderChat"),
    })
    public sealed interface MessageSender permits MessageSenderUser, MessageSenderChat {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageSenderUser(long userId) implements MessageSender {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageSenderChat(long chatId) implements MessageSender {
    }

    /**
     * {@code messageInteractionInfo view_count:int32 forward_count:int32 reply_info:messageReplyInfo ...} (the
     * fields tgdl reads); {@code reply_info} is absent unless the message can have comments or replies.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageInteractionInfo(int viewCount, int forwardCount, MessageReplyInfo replyInfo) {
    }

    /** {@code messageReplyInfo reply_count:int32 ...}: a channel post's comments. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageReplyInfo(int replyCount) {
    }

    /**
     * The {@code MessageTopic} classes tgdl reads: a forum topic, or a message thread (the comments of a
     * channel post in its discussion group); the others read as {@link MessageTopicOther}.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type", defaultImpl = MessageTopicOther.class)
    @JsonSubTypes({
        @JsonSubTypes.Type(value = MessageTopicForum.class, name = "messageTopicForum"),
        @JsonSubTypes.Type(value = MessageTopicThread.class, name = "messageTopicThread"),
    })
    public sealed interface MessageTopic permits MessageTopicForum, MessageTopicThread, MessageTopicOther {
    }

    /** {@code messageTopicForum forum_topic_id:int32}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageTopicForum(int forumTopicId) implements MessageTopic {
    }

    /** {@code messageTopicThread message_thread_id:int53}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageTopicThread(long messageThreadId) implements MessageTopic {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageTopicOther() implements MessageTopic {
    }

    /** {@code messageForwardInfo origin:MessageOrigin ...}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageForwardInfo(MessageOrigin origin) {
    }

    /** The {@code MessageOrigin} classes tgdl reads: a channel post; the others read as {@link MessageOriginOther}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type", defaultImpl = MessageOriginOther.class)
    @JsonSubTypes({
        @JsonSubTypes.Type(value = MessageOriginChannel.class, name = "messageOriginChannel"),
    })
    public sealed interface MessageOrigin permits MessageOriginChannel, MessageOriginOther {
    }

    /** {@code messageOriginChannel chat_id:int53 message_id:int53 author_signature:string}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageOriginChannel(long chatId, long messageId) implements MessageOrigin {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageOriginOther() implements MessageOrigin {
    }

    /** The {@code MessageReplyTo} classes: a reply to a message; a reply to a story reads as {@link MessageReplyToOther}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type", defaultImpl = MessageReplyToOther.class)
    @JsonSubTypes({
        @JsonSubTypes.Type(value = MessageReplyToMessage.class, name = "messageReplyToMessage"),
    })
    public sealed interface MessageReplyTo permits MessageReplyToMessage, MessageReplyToOther {
    }

    /** {@code messageReplyToMessage chat_id:int53 message_id:int53 ...}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageReplyToMessage(long chatId, long messageId) implements MessageReplyTo {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageReplyToOther() implements MessageReplyTo {
    }

    /** {@code messages total_count:int32 messages:vector<message>}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Messages(int totalCount, List<Message> messages) {
    }

    /** {@code foundChatMessages total_count:int32 messages:vector<message> next_from_message_id:int53}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FoundChatMessages(int totalCount, List<Message> messages, long nextFromMessageId) {
    }

    /** The {@code MessageContent} classes tgdl downloads; every other class reads as {@link MessageOther}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type", defaultImpl = MessageOther.class)
    @JsonSubTypes({
        @JsonSubTypes.Type(value = MessagePhoto.class, name = "messagePhoto"),
        @JsonSubTypes.Type(value = MessageVideo.class, name = "messageVideo"),
        @JsonSubTypes.Type(value = MessageDocument.class, name = "messageDocument"),
        @JsonSubTypes.Type(value = MessageAudio.class, name = "messageAudio"),
        @JsonSubTypes.Type(value = MessageAnimation.class, name = "messageAnimation"),
        @JsonSubTypes.Type(value = MessageVoiceNote.class, name = "messageVoiceNote"),
        @JsonSubTypes.Type(value = MessageVideoNote.class, name = "messageVideoNote"),
        @JsonSubTypes.Type(value = MessageSticker.class, name = "messageSticker"),
        @JsonSubTypes.Type(value = MessageText.class, name = "messageText"),
        @JsonSubTypes.Type(value = MessageForumTopicCreated.class, name = "messageForumTopicCreated"),
    })
    public sealed interface MessageContent permits MessagePhoto, MessageVideo, MessageDocument, MessageAudio,
            MessageAnimation, MessageVoiceNote, MessageVideoNote, MessageSticker, MessageText, MessageForumTopicCreated,
            MessageOther {
    }

    /** {@code messageForumTopicCreated name:string ...}: the service message that opens a forum topic. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageForumTopicCreated(String name) implements MessageContent {
    }

    /** {@code messageText text:formattedText ...}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageText(FormattedText text) implements MessageContent {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessagePhoto(Photo photo, FormattedText caption) implements MessageContent {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageVideo(Video video, FormattedText caption) implements MessageContent {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageDocument(Document document, FormattedText caption) implements MessageContent {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageAudio(Audio audio, FormattedText caption) implements MessageContent {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageAnimation(Animation animation, FormattedText caption) implements MessageContent {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageVoiceNote(VoiceNote voiceNote, FormattedText caption) implements MessageContent {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageVideoNote(VideoNote videoNote) implements MessageContent {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageSticker(Sticker sticker) implements MessageContent {
    }

    /** Any other content without a file tgdl downloads (polls, service messages ...). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageOther() implements MessageContent {
    }

    /** {@code formattedText text:string entities:vector<textEntity>}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FormattedText(String text, List<TextEntity> entities) {
    }

    /** {@code textEntity offset:int32 length:int32 type:TextEntityType} (offsets in UTF-16 code units). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TextEntity(int offset, int length, TextEntityType type) {
    }

    /**
     * A {@code TextEntityType}, read by its {@code @type} name (there are dozens of classes); only
     * {@code textEntityTypeTextUrl url:string} has a field tgdl reads.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TextEntityType(@JsonProperty("@type") String type, String url) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Photo(List<PhotoSize> sizes) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PhotoSize(String type, File photo, int width, int height) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Video(String fileName, String mimeType, File video) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Document(String fileName, String mimeType, File document) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Audio(String title, String performer, String fileName, String mimeType, File audio) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Animation(String fileName, String mimeType, File animation) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VoiceNote(String mimeType, File voice) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VideoNote(File video) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sticker(StickerFormat format, File sticker) {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type", defaultImpl = StickerFormatWebp.class)
    @JsonSubTypes({
        @JsonSubTypes.Type(value = StickerFormatWebp.class, name = "stickerFormatWebp"),
        @JsonSubTypes.Type(value = StickerFormatTgs.class, name = "stickerFormatTgs"),
        @JsonSubTypes.Type(value = StickerFormatWebm.class, name = "stickerFormatWebm"),
    })
    public sealed interface StickerFormat permits StickerFormatWebp, StickerFormatTgs, StickerFormatWebm {
    }

    public record StickerFormatWebp() implements StickerFormat {
    }

    public record StickerFormatTgs() implements StickerFormat {
    }

    public record StickerFormatWebm() implements StickerFormat {
    }

    // ---------------------------------------------------------------- chats and users

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Chat(long id, ChatType type, String title) {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type", defaultImpl = ChatTypePrivate.class)
    @JsonSubTypes({
        @JsonSubTypes.Type(value = ChatTypePrivate.class, name = "chatTypePrivate"),
        @JsonSubTypes.Type(value = ChatTypeBasicGroup.class, name = "chatTypeBasicGroup"),
        @JsonSubTypes.Type(value = ChatTypeSupergroup.class, name = "chatTypeSupergroup"),
        @JsonSubTypes.Type(value = ChatTypeSecret.class, name = "chatTypeSecret"),
    })
    public sealed interface ChatType permits ChatTypePrivate, ChatTypeBasicGroup, ChatTypeSupergroup, ChatTypeSecret {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChatTypePrivate(long userId) implements ChatType {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChatTypeBasicGroup(long basicGroupId) implements ChatType {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChatTypeSupergroup(long supergroupId, boolean isChannel) implements ChatType {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChatTypeSecret(int secretChatId, long userId) implements ChatType {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Usernames(List<String> activeUsernames, String editableUsername) {
    }

    /** {@code supergroup}: a channel or a supergroup; {@code member_count} is 0 when TDLib does not know it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Supergroup(long id, Usernames usernames, int memberCount, boolean isChannel, boolean isForum,
                             boolean hasLinkedChat) {
    }

    /** {@code supergroupFullInfo linked_chat_id:int53 ...}: a channel's discussion group, or a group's channel. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SupergroupFullInfo(long linkedChatId) {
    }

    /** {@code forumTopicInfo chat_id:int53 forum_topic_id:int32 name:string ... is_general:Bool ...}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ForumTopicInfo(long chatId, int forumTopicId, String name, boolean isGeneral) {
    }

    /** {@code forumTopic info:forumTopicInfo ...}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ForumTopic(ForumTopicInfo info) {
    }

    /**
     * {@code forumTopics total_count:int32 topics:vector<forumTopic> next_offset_date:int32
     * next_offset_message_id:int53 next_offset_forum_topic_id:int32}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ForumTopics(int totalCount, List<ForumTopic> topics, int nextOffsetDate, long nextOffsetMessageId,
                              int nextOffsetForumTopicId) {
    }

    /** {@code basicGroup id:int53 member_count:int32 ...}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BasicGroup(long id, int memberCount) {
    }

    /** {@code chats total_count:int32 chat_ids:vector<int53>}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Chats(int totalCount, List<Long> chatIds) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(long id, String firstName, String lastName, Usernames usernames, String phoneNumber,
                       boolean isPremium) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageLinkInfo(boolean isPublic, long chatId, Message message, boolean forAlbum, MessageTopic topicId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChatInviteLinkInfo(long chatId, int accessibleFor, String title, int memberCount, boolean isPublic) {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type", defaultImpl = ChatJoinResultOther.class)
    @JsonSubTypes({
        @JsonSubTypes.Type(value = ChatJoinResultSuccess.class, name = "chatJoinResultSuccess"),
        @JsonSubTypes.Type(value = ChatJoinResultRequestSent.class, name = "chatJoinResultRequestSent"),
    })
    public sealed interface ChatJoinResult permits ChatJoinResultSuccess, ChatJoinResultRequestSent, ChatJoinResultOther {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChatJoinResultSuccess(long chatId) implements ChatJoinResult {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChatJoinResultRequestSent() implements ChatJoinResult {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChatJoinResultOther() implements ChatJoinResult {
    }

    // ---------------------------------------------------------------- authorization

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type", defaultImpl = AuthorizationStateUnknown.class)
    @JsonSubTypes({
        @JsonSubTypes.Type(value = AuthorizationStateWaitTdlibParameters.class, name = "authorizationStateWaitTdlibParameters"),
        @JsonSubTypes.Type(value = AuthorizationStateWaitPhoneNumber.class, name = "authorizationStateWaitPhoneNumber"),
        @JsonSubTypes.Type(value = AuthorizationStateWaitPremiumPurchase.class, name = "authorizationStateWaitPremiumPurchase"),
        @JsonSubTypes.Type(value = AuthorizationStateWaitEmailAddress.class, name = "authorizationStateWaitEmailAddress"),
        @JsonSubTypes.Type(value = AuthorizationStateWaitEmailCode.class, name = "authorizationStateWaitEmailCode"),
        @JsonSubTypes.Type(value = AuthorizationStateWaitCode.class, name = "authorizationStateWaitCode"),
        @JsonSubTypes.Type(value = AuthorizationStateWaitOtherDeviceConfirmation.class, name = "authorizationStateWaitOtherDeviceConfirmation"),
        @JsonSubTypes.Type(value = AuthorizationStateWaitRegistration.class, name = "authorizationStateWaitRegistration"),
        @JsonSubTypes.Type(value = AuthorizationStateWaitPassword.class, name = "authorizationStateWaitPassword"),
        @JsonSubTypes.Type(value = AuthorizationStateReady.class, name = "authorizationStateReady"),
        @JsonSubTypes.Type(value = AuthorizationStateLoggingOut.class, name = "authorizationStateLoggingOut"),
        @JsonSubTypes.Type(value = AuthorizationStateClosing.class, name = "authorizationStateClosing"),
        @JsonSubTypes.Type(value = AuthorizationStateClosed.class, name = "authorizationStateClosed"),
    })
    public sealed interface AuthorizationState permits AuthorizationStateWaitTdlibParameters,
            AuthorizationStateWaitPhoneNumber, AuthorizationStateWaitPremiumPurchase, AuthorizationStateWaitEmailAddress,
            AuthorizationStateWaitEmailCode, AuthorizationStateWaitCode, AuthorizationStateWaitOtherDeviceConfirmation,
            AuthorizationStateWaitRegistration, AuthorizationStateWaitPassword, AuthorizationStateReady,
            AuthorizationStateLoggingOut, AuthorizationStateClosing, AuthorizationStateClosed, AuthorizationStateUnknown {
    }

    public record AuthorizationStateWaitTdlibParameters() implements AuthorizationState {
    }

    public record AuthorizationStateWaitPhoneNumber() implements AuthorizationState {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AuthorizationStateWaitPremiumPurchase(String storeProductId) implements AuthorizationState {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AuthorizationStateWaitEmailAddress() implements AuthorizationState {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AuthorizationStateWaitEmailCode() implements AuthorizationState {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AuthorizationStateWaitCode(AuthenticationCodeInfo codeInfo) implements AuthorizationState {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AuthenticationCodeInfo(String phoneNumber, int timeout) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AuthorizationStateWaitOtherDeviceConfirmation(String link) implements AuthorizationState {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AuthorizationStateWaitRegistration() implements AuthorizationState {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AuthorizationStateWaitPassword(String passwordHint, boolean hasRecoveryEmailAddress)
            implements AuthorizationState {
    }

    public record AuthorizationStateReady() implements AuthorizationState {
    }

    public record AuthorizationStateLoggingOut() implements AuthorizationState {
    }

    public record AuthorizationStateClosing() implements AuthorizationState {
    }

    public record AuthorizationStateClosed() implements AuthorizationState {
    }

    /** A state this build of tgdl does not know (a newer TDLib). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AuthorizationStateUnknown() implements AuthorizationState {
    }

    // ---------------------------------------------------------------- updates

    /** The updates tgdl listens to; others read as {@link UpdateOther}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type", defaultImpl = UpdateOther.class)
    @JsonSubTypes({
        @JsonSubTypes.Type(value = UpdateAuthorizationState.class, name = "updateAuthorizationState"),
        @JsonSubTypes.Type(value = UpdateFile.class, name = "updateFile"),
        @JsonSubTypes.Type(value = UpdateConnectionState.class, name = "updateConnectionState"),
        @JsonSubTypes.Type(value = UpdateSpeedLimitNotification.class, name = "updateSpeedLimitNotification"),
        @JsonSubTypes.Type(value = UpdateOption.class, name = "updateOption"),
        @JsonSubTypes.Type(value = UpdateMessageSendSucceeded.class, name = "updateMessageSendSucceeded"),
        @JsonSubTypes.Type(value = UpdateMessageSendFailed.class, name = "updateMessageSendFailed"),
        @JsonSubTypes.Type(value = UpdateNewMessage.class, name = "updateNewMessage"),
        @JsonSubTypes.Type(value = UpdateMessageContent.class, name = "updateMessageContent"),
    })
    public sealed interface Update permits UpdateAuthorizationState, UpdateFile, UpdateConnectionState,
            UpdateSpeedLimitNotification, UpdateOption, UpdateMessageSendSucceeded, UpdateMessageSendFailed,
            UpdateNewMessage, UpdateMessageContent, UpdateOther {
    }

    /** {@code updateNewMessage message:message}: a new message (also one of this account's being sent). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UpdateNewMessage(Message message) implements Update {
    }

    /** {@code updateMessageContent chat_id:int53 message_id:int53 new_content:MessageContent}: an edit changed it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UpdateMessageContent(long chatId, long messageId, MessageContent newContent) implements Update {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UpdateMessageSendSucceeded(Message message, long oldMessageId) implements Update {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UpdateMessageSendFailed(Message message, long oldMessageId, Error error) implements Update {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UpdateAuthorizationState(AuthorizationState authorizationState) implements Update {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UpdateFile(File file) implements Update {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UpdateConnectionState(ConnectionState state) implements Update {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UpdateSpeedLimitNotification(boolean isUpload) implements Update {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UpdateOption(String name, OptionValue value) implements Update {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UpdateOther() implements Update {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type", defaultImpl = ConnectionStateReady.class)
    @JsonSubTypes({
        @JsonSubTypes.Type(value = ConnectionStateWaitingForNetwork.class, name = "connectionStateWaitingForNetwork"),
        @JsonSubTypes.Type(value = ConnectionStateConnectingToProxy.class, name = "connectionStateConnectingToProxy"),
        @JsonSubTypes.Type(value = ConnectionStateConnecting.class, name = "connectionStateConnecting"),
        @JsonSubTypes.Type(value = ConnectionStateUpdating.class, name = "connectionStateUpdating"),
        @JsonSubTypes.Type(value = ConnectionStateReady.class, name = "connectionStateReady"),
    })
    public sealed interface ConnectionState permits ConnectionStateWaitingForNetwork, ConnectionStateConnectingToProxy,
            ConnectionStateConnecting, ConnectionStateUpdating, ConnectionStateReady {
    }

    public record ConnectionStateWaitingForNetwork() implements ConnectionState {
    }

    public record ConnectionStateConnectingToProxy() implements ConnectionState {
    }

    public record ConnectionStateConnecting() implements ConnectionState {
    }

    public record ConnectionStateUpdating() implements ConnectionState {
    }

    public record ConnectionStateReady() implements ConnectionState {
    }
}
