package dev.tgdl.telegram;

import dev.tgdl.td.TdApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Turns TDLib messages into {@link MediaItem}s (docs/architecture.md, "From TDLib messages to media items"). */
final class TdMessages {

    private TdMessages() {
    }

    static Optional<MediaItem> media(Chat chat, TdApi.Message m) {
        if (m == null || m.content() == null) {
            return Optional.empty();
        }
        long serverId = m.id() >> 20;
        Instant date = Instant.ofEpochSecond(m.date());
        return switch (m.content()) {
            case TdApi.MessagePhoto p when p.photo() != null && p.photo().sizes() != null && !p.photo().sizes().isEmpty() ->
                    item(chat, serverId, date, m, MediaType.PHOTO, null, "image/jpeg", largest(p.photo().sizes()));
            case TdApi.MessageVideo v when v.video() != null ->
                    item(chat, serverId, date, m, MediaType.VIDEO, v.video().fileName(), v.video().mimeType(), v.video().video());
            case TdApi.MessageDocument d when d.document() != null ->
                    item(chat, serverId, date, m, MediaType.DOCUMENT, d.document().fileName(), d.document().mimeType(),
                            d.document().document());
            case TdApi.MessageAudio a when a.audio() != null ->
                    item(chat, serverId, date, m, MediaType.AUDIO, a.audio().fileName(), a.audio().mimeType(), a.audio().audio());
            case TdApi.MessageAnimation a when a.animation() != null ->
                    item(chat, serverId, date, m, MediaType.ANIMATION, a.animation().fileName(), a.animation().mimeType(),
                            a.animation().animation());
            case TdApi.MessageVoiceNote v when v.voiceNote() != null ->
                    item(chat, serverId, date, m, MediaType.VOICE, null, v.voiceNote().mimeType(), v.voiceNote().voice());
            case TdApi.MessageVideoNote v when v.videoNote() != null ->
                    item(chat, serverId, date, m, MediaType.VIDEO_NOTE, null, "video/mp4", v.videoNote().video());
            case TdApi.MessageSticker s when s.sticker() != null ->
                    item(chat, serverId, date, m, MediaType.STICKER, null, stickerMime(s.sticker().format()), s.sticker().sticker());
            default -> Optional.empty();
        };
    }

    /** A message's details for {@code --export}: every field taken as td_api.tl names it. */
    static MessageInfo info(TdApi.Message m, Optional<MediaType> mediaType) {
        TdApi.FormattedText text = switch (m.content()) {
            case TdApi.MessageText t -> t.text();
            case TdApi.MessagePhoto p -> p.caption();
            case TdApi.MessageVideo v -> v.caption();
            case TdApi.MessageDocument d -> d.caption();
            case TdApi.MessageAudio a -> a.caption();
            case TdApi.MessageAnimation a -> a.caption();
            case TdApi.MessageVoiceNote v -> v.caption();
            case null, default -> null;
        };
        List<MessageInfo.TextEntity> entities = new ArrayList<>();
        if (text != null && text.entities() != null) {
            for (TdApi.TextEntity e : text.entities()) {
                if (e != null && e.type() != null && e.type().type() != null) {
                    entities.add(new MessageInfo.TextEntity(entityType(e.type().type()), e.offset(), e.length(),
                            Optional.ofNullable(e.type().url()).filter(u -> !u.isEmpty())));
                }
            }
        }
        Optional<MessageInfo.Sender> sender = switch (m.senderId()) {
            case TdApi.MessageSenderUser u -> Optional.of(new MessageInfo.Sender(true, u.userId()));
            case TdApi.MessageSenderChat c -> Optional.of(new MessageInfo.Sender(false, c.chatId()));
            case null -> Optional.empty();
        };
        OptionalLong replyTo = m.replyTo() instanceof TdApi.MessageReplyToMessage r && r.messageId() != 0
                ? OptionalLong.of(r.messageId() >> 20) : OptionalLong.empty();
        TdApi.MessageInteractionInfo interaction = m.interactionInfo();
        return new MessageInfo(m.chatId(), m.id() >> 20, Instant.ofEpochSecond(m.date()),
                text == null || text.text() == null ? "" : text.text(), entities, sender,
                interaction == null ? 0 : interaction.viewCount(), interaction == null ? 0 : interaction.forwardCount(),
                replyTo, m.mediaAlbumId(), mediaType);
    }

    /** {@code textEntityTypeTextUrl} → {@code text_url}. */
    static String entityType(String tdType) {
        String name = tdType.startsWith("textEntityType") ? tdType.substring("textEntityType".length()) : tdType;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static TdApi.File largest(List<TdApi.PhotoSize> sizes) {
        // sizes ascend; the last is the largest
        return sizes.getLast().photo();
    }

    private static String stickerMime(TdApi.StickerFormat format) {
        return switch (format) {
            case TdApi.StickerFormatTgs ignored -> "application/x-tgsticker";
            case TdApi.StickerFormatWebm ignored -> "video/webm";
            case null, default -> "image/webp";
        };
    }

    private static Optional<MediaItem> item(Chat chat, long serverId, Instant date, TdApi.Message m, MediaType type,
                                            String fileName, String mime, TdApi.File file) {
        if (file == null || file.remote() == null || file.remote().uniqueId() == null || file.remote().uniqueId().isEmpty()) {
            return Optional.empty();
        }
        long size = file.size() > 0 ? file.size() : file.expectedSize();
        RemoteFile remote = new RemoteFile(file.id(), file.remote().uniqueId(), size);
        Optional<String> name = Optional.ofNullable(fileName).filter(n -> !n.isEmpty());
        return Optional.of(new MediaItem(chat, serverId, date, m.mediaAlbumId(), type, name, mime == null ? "" : mime, remote,
                thread(m)));
    }

    /** A forum message's topic (its name is not in the message: "" until the caller names it). */
    private static MessageThread thread(TdApi.Message m) {
        return m.topicId() instanceof TdApi.MessageTopicForum(int forumTopicId)
                ? new MessageThread.Topic(forumTopicId, "") : MessageThread.NONE;
    }

    /** How many comments a channel post has ({@code interaction_info.reply_info.reply_count}; 0 when it can have none). */
    static int comments(TdApi.Message m) {
        TdApi.MessageInteractionInfo info = m.interactionInfo();
        return info == null || info.replyInfo() == null ? 0 : Math.max(0, info.replyInfo().replyCount());
    }
}
