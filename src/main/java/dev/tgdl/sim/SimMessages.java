package dev.tgdl.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** Messages as TDLib sends them, and the history and search requests over a channel model. */
final class SimMessages {

    private static final int MAX_PAGE = 100;

    private SimMessages() {
    }

    static ObjectNode message(SimulatedTdlib sim, SimClient client, ChannelModel c, ChannelModel.Msg m) {
        ObjectNode msg = base(c.chatId(), m.id() << 20, m.date().getEpochSecond());
        ObjectNode sender = TdObjects.object("messageSenderChat").put("chat_id", c.chatId());
        msg.set("sender_id", sender);
        msg.put("is_channel_post", true);
        msg.put("media_album_id", Long.toString(m.albumId()));
        ObjectNode interaction = TdObjects.object("messageInteractionInfo").put("view_count", views(m.id()))
                .put("forward_count", forwards(m.id()));
        msg.set("interaction_info", interaction);
        replyTo(m).ifPresent(id -> msg.set("reply_to", TdObjects.object("messageReplyToMessage").put("chat_id", c.chatId())
                .put("message_id", id << 20).put("checklist_task_id", 0).put("poll_option_id", "")
                .put("origin_send_date", 0)));
        msg.set("content", content(sim, client, c, m));
        SimThreads.decorate(c, m, client.run(), msg);
        if (c.editTarget(m.id()) && m.kind() instanceof ChannelModel.Media) {
            msg.put("edit_date", editDate(c, m));
        }
        return msg;
    }

    /** When a text post got its photo: when the next message was posted (about one interval later). */
    private static long editDate(ChannelModel c, ChannelModel.Msg m) {
        return m.date().getEpochSecond() + Math.max(1, c.spec().interval().toSeconds());
    }

    /** {@code updateNewMessage message:message}: a new post of a chat the client has open. */
    static ObjectNode updateNewMessage(SimulatedTdlib sim, SimClient client, ChannelModel c, ChannelModel.Msg m) {
        ObjectNode u = TdObjects.object("updateNewMessage");
        u.set("message", message(sim, client, c, m));
        return u;
    }

    /** {@code updateMessageContent chat_id message_id new_content}: a message's content changed. */
    static ObjectNode updateMessageContent(SimulatedTdlib sim, SimClient client, ChannelModel c, ChannelModel.Msg m) {
        ObjectNode u = TdObjects.object("updateMessageContent").put("chat_id", c.chatId()).put("message_id", m.id() << 20);
        u.set("new_content", content(sim, client, c, m));
        return u;
    }

    /** {@code updateMessageEdited chat_id message_id edit_date reply_markup}: sent after the content changed. */
    static ObjectNode updateMessageEdited(ChannelModel c, ChannelModel.Msg m) {
        return TdObjects.object("updateMessageEdited").put("chat_id", c.chatId()).put("message_id", m.id() << 20)
                .put("edit_date", editDate(c, m));
    }

    /** The views of a channel post: a function of its id. */
    static int views(long id) {
        return (int) (40 + (id * 37) % 960);
    }

    /** The forwards of a channel post. */
    static int forwards(long id) {
        return (int) (id % 7);
    }

    /** Every fifth text message replies to the message before it. */
    static Optional<Long> replyTo(ChannelModel.Msg m) {
        return m.kind() instanceof ChannelModel.Text && m.id() > 1 && m.id() % 5 == 0 ? Optional.of(m.id() - 1) : Optional.empty();
    }

    /**
     * A text message's formatted text: "message N", its first word bold and, for even ids, its
     * number a text link to the message.
     */
    static ObjectNode text(ChannelModel c, ChannelModel.Msg m, String text) {
        ObjectNode t = TdObjects.object("formattedText").put("text", text);
        ArrayNode entities = t.putArray("entities");
        int space = text.indexOf(' ');
        if (space > 0) {
            entities.add(entity(0, space, TdObjects.object("textEntityTypeBold")));
            if (m.id() % 2 == 0) {
                entities.add(entity(space + 1, text.length() - space - 1, TdObjects.object("textEntityTypeTextUrl")
                        .put("url", "https://t.me/" + (c.username().isEmpty() ? "c/" + c.spec().id() : c.username()) + "/" + m.id())));
            }
        }
        return t;
    }

    /** A media message's caption: "caption N #sim" (the tag a hashtag) for every third id, none otherwise. */
    static ObjectNode caption(ChannelModel.Msg m) {
        if (m.id() % 3 != 0) {
            return TdObjects.formattedText("");
        }
        String text = "caption " + m.id() + " #sim";
        ObjectNode t = TdObjects.object("formattedText").put("text", text);
        t.putArray("entities").add(entity(text.length() - 4, 4, TdObjects.object("textEntityTypeHashtag")));
        return t;
    }

    private static ObjectNode entity(int offset, int length, ObjectNode type) {
        ObjectNode e = TdObjects.object("textEntity").put("offset", offset).put("length", length);
        e.set("type", type);
        return e;
    }

    /** A message the user sent (pending while TDLib sends it). */
    static ObjectNode outgoing(SimulatedTdlib sim, long chatId, long id, String text, boolean pending, long sendingId) {
        ObjectNode msg = base(chatId, id, sim.clock().now().getEpochSecond());
        msg.set("sender_id", TdObjects.object("messageSenderUser").put("user_id", sim.scenario().account().userId()));
        msg.put("is_outgoing", true).put("is_channel_post", false).put("media_album_id", "0");
        if (pending) {
            msg.set("sending_state", TdObjects.object("messageSendingStatePending").put("sending_id", (int) sendingId));
        }
        ObjectNode content = TdObjects.object("messageText");
        content.set("text", TdObjects.formattedText(text));
        msg.set("content", content);
        return msg;
    }

    private static ObjectNode base(long chatId, long id, long date) {
        ObjectNode msg = TdObjects.object("message").put("id", id);
        msg.put("chat_id", chatId).put("is_outgoing", false).put("is_pinned", false).put("is_from_offline", false)
                .put("can_be_saved", true).put("has_timestamped_media", true).put("is_paid_star_suggested_post", false)
                .put("is_paid_gram_suggested_post", false).put("contains_unread_mention", false)
                .put("contains_unread_poll_votes", false)
                .put("date", date).put("edit_date", 0);
        msg.putArray("unread_reactions");
        msg.put("self_destruct_in", 0.0).put("auto_delete_in", 0.0).put("via_bot_user_id", 0)
                .put("sender_business_bot_user_id", 0).put("sender_boost_count", 0).put("sender_tag", "")
                .put("paid_message_star_count", 0).put("author_signature", "").put("effect_id", "0")
                .put("summary_language_code", "").put("ephemeral_message_id", 0);
        return msg;
    }

    private static ObjectNode content(SimulatedTdlib sim, SimClient client, ChannelModel c, ChannelModel.Msg m) {
        if (m.kind() instanceof ChannelModel.Text t) {
            ObjectNode content = TdObjects.object("messageText");
            content.set("text", text(c, m, t.text()));
            return content;
        }
        if (m.kind() instanceof ChannelModel.TopicCreated(String name)) {
            return SimThreads.topicCreated(name, m.id());
        }
        ChannelModel.Media media = (ChannelModel.Media) m.kind();
        ObjectNode file = sim.transfers.fileObject(client, c.fileId(media.sourceId(), 0)).orElseThrow();
        String name = media.name().orElse("");
        return switch (media.type()) {
            case "photo" -> {
                ObjectNode photo = TdObjects.object("photo").put("has_stickers", false);
                ArrayNode sizes = photo.putArray("sizes");
                sizes.add(photoSize("m", sim.transfers.fileObject(client, c.fileId(media.sourceId(), 1)).orElseThrow(), 320, 240));
                sizes.add(photoSize("y", file, 1280, 960));
                ObjectNode content = TdObjects.object("messagePhoto");
                content.set("photo", photo);
                captioned(content, m).put("show_caption_above_media", false).put("has_spoiler", false).put("is_secret", false);
                yield content;
            }
            case "video" -> {
                ObjectNode video = TdObjects.object("video").put("duration", 12).put("width", 1280).put("height", 720)
                        .put("file_name", name).put("mime_type", media.mime()).put("has_stickers", false)
                        .put("supports_streaming", true);
                video.set("video", file);
                ObjectNode content = TdObjects.object("messageVideo");
                content.set("video", video);
                content.putArray("alternative_videos");
                content.putArray("storyboards");
                content.put("start_timestamp", 0);
                captioned(content, m).put("show_caption_above_media", false).put("has_spoiler", false).put("is_secret", false);
                yield content;
            }
            case "document" -> {
                ObjectNode document = TdObjects.object("document").put("file_name", name).put("mime_type", media.mime());
                document.set("document", file);
                ObjectNode content = TdObjects.object("messageDocument");
                content.set("document", document);
                yield captioned(content, m);
            }
            case "audio" -> {
                ObjectNode audio = TdObjects.object("audio").put("duration", 180).put("title", "Track " + m.id())
                        .put("performer", "Simulated").put("file_name", name).put("mime_type", media.mime());
                audio.putArray("external_album_covers");
                audio.set("audio", file);
                ObjectNode content = TdObjects.object("messageAudio");
                content.set("audio", audio);
                yield captioned(content, m);
            }
            case "voice" -> {
                ObjectNode voice = TdObjects.object("voiceNote").put("duration", 5).put("waveform", "").put("mime_type", media.mime());
                voice.set("voice", file);
                ObjectNode content = TdObjects.object("messageVoiceNote");
                content.set("voice_note", voice);
                captioned(content, m).put("is_listened", false);
                yield content;
            }
            case "video_note" -> {
                ObjectNode note = TdObjects.object("videoNote").put("duration", 5).put("waveform", "").put("length", 240);
                note.set("video", file);
                ObjectNode content = TdObjects.object("messageVideoNote");
                content.set("video_note", note);
                content.put("is_viewed", false).put("is_secret", false);
                yield content;
            }
            case "animation" -> {
                ObjectNode animation = TdObjects.object("animation").put("duration", 3).put("width", 320).put("height", 240)
                        .put("file_name", name).put("mime_type", media.mime()).put("has_stickers", false);
                animation.set("animation", file);
                ObjectNode content = TdObjects.object("messageAnimation");
                content.set("animation", animation);
                captioned(content, m).put("show_caption_above_media", false).put("has_spoiler", false).put("is_secret", false);
                yield content;
            }
            default -> {
                ObjectNode sticker = TdObjects.object("sticker").put("id", Long.toString(m.id())).put("set_id", "0")
                        .put("width", 512).put("height", 512).put("emoji", "🙂");
                sticker.set("format", TdObjects.object("stickerFormatWebp"));
                sticker.set("full_type", TdObjects.object("stickerFullTypeRegular"));
                sticker.set("sticker", file);
                ObjectNode content = TdObjects.object("messageSticker");
                content.set("sticker", sticker);
                content.put("is_premium", false);
                yield content;
            }
        };
    }

    private static ObjectNode photoSize(String type, ObjectNode file, int width, int height) {
        ObjectNode size = TdObjects.object("photoSize").put("type", type);
        size.set("photo", file);
        size.put("width", width).put("height", height);
        size.putArray("progressive_sizes");
        return size;
    }

    private static ObjectNode captioned(ObjectNode content, ChannelModel.Msg m) {
        content.set("caption", caption(m));
        return content;
    }

    /** A {@code messages} object of these messages, newest first. */
    static ObjectNode page(SimulatedTdlib sim, SimClient client, ChannelModel c, List<ChannelModel.Msg> held) {
        ObjectNode result = TdObjects.object("messages");
        ArrayNode messages = result.putArray("messages");
        held.forEach(m -> messages.add(message(sim, client, c, m)));
        result.put("total_count", messages.size());
        return result;
    }

    /** getChatHistory loaded from the server: newest first from from_message_id (offset applied), at most 100. */
    static ObjectNode history(SimulatedTdlib sim, SimClient client, ChannelModel c, JsonNode r) {
        int run = client.run();
        long from = r.path("from_message_id").asLong() >> 20;
        int offset = r.path("offset").asInt();
        int limit = Math.max(1, Math.min(MAX_PAGE, r.path("limit").asInt(MAX_PAGE)));
        int count = c.messageCount(run);
        long start = from == 0 ? count : from - 1;
        if (offset < 0) {
            // -offset newer messages come first, and from_message_id itself is included
            start = from == 0 ? count : from;
            int newer = 0;
            for (long id = start + 1; id <= count && newer < -offset; id++) {
                if (c.message(id, run).isPresent()) {
                    start = id;
                    newer++;
                }
            }
        }
        ObjectNode result = TdObjects.object("messages");
        ArrayNode messages = result.putArray("messages");
        for (long id = Math.min(start, count); id >= 1 && messages.size() < limit; id--) {
            Optional<ChannelModel.Msg> m = c.message(id, run);
            if (m.isPresent()) {
                messages.add(message(sim, client, c, m.get()));
            }
        }
        result.put("total_count", messages.size());
        return result;
    }

    static boolean matches(ChannelModel.Msg m, String filter) {
        String type = m.kind() instanceof ChannelModel.Media media ? media.type() : "text";
        return switch (filter) {
            case "searchMessagesFilterEmpty" -> true;
            case "searchMessagesFilterPhotoAndVideo" -> type.equals("photo") || type.equals("video");
            case "searchMessagesFilterPhoto" -> type.equals("photo");
            case "searchMessagesFilterVideo" -> type.equals("video");
            case "searchMessagesFilterDocument" -> type.equals("document");
            case "searchMessagesFilterAudio" -> type.equals("audio");
            case "searchMessagesFilterAnimation" -> type.equals("animation");
            case "searchMessagesFilterVoiceNote" -> type.equals("voice");
            case "searchMessagesFilterVideoNote" -> type.equals("video_note");
            case "searchMessagesFilterVoiceAndVideoNote" -> type.equals("voice") || type.equals("video_note");
            default -> false;
        };
    }

    /**
     * searchChatMessages over the model: newest first; {@code next_from_message_id} is the oldest id
     * returned, 0 only on an empty page (as the server answers: a short page still says go on).
     */
    static ObjectNode search(SimulatedTdlib sim, SimClient client, ChannelModel c, JsonNode r) {
        int run = client.run();
        String filter = r.path("filter").path("@type").asText("searchMessagesFilterEmpty");
        String query = r.path("query").asText("");
        long from = r.path("from_message_id").asLong() >> 20;
        int limit = Math.max(1, Math.min(MAX_PAGE, r.path("limit").asInt(MAX_PAGE)));
        int count = c.messageCount(run);
        JsonNode topic = r.path("topic_id");
        ObjectNode result = TdObjects.object("foundChatMessages");
        result.put("total_count", topic.isObject() ? -1 : sim.count(c, run, filter));
        ArrayNode messages = result.putArray("messages");
        long id = from == 0 ? count : Math.min(from - 1, count);
        long last = 0;
        for (; id >= 1 && messages.size() < limit; id--) {
            Optional<ChannelModel.Msg> m = c.message(id, run);
            if (m.isPresent() && matches(m.get(), filter) && (query.isEmpty() || text(m.get()).contains(query))
                    && SimThreads.inTopic(c, topic, id)) {
                messages.add(message(sim, client, c, m.get()));
                last = id;
            }
        }
        result.put("next_from_message_id", messages.isEmpty() ? 0 : last << 20);
        return result;
    }

    private static String text(ChannelModel.Msg m) {
        return m.kind() instanceof ChannelModel.Text t ? t.text() : "";
    }

    /** getChatMessageCount for a filter. */
    static int count(ChannelModel c, int run, String filter) {
        int n = 0;
        for (long id = 1; id <= c.messageCount(run); id++) {
            Optional<ChannelModel.Msg> m = c.message(id, run);
            if (m.isPresent() && matches(m.get(), filter)) {
                n++;
            }
        }
        return n;
    }

    /** getMessages: null where a message does not exist. */
    static ObjectNode messages(SimulatedTdlib sim, SimClient client, ChannelModel c, JsonNode ids) {
        ObjectNode result = TdObjects.object("messages");
        ArrayNode messages = result.putArray("messages");
        for (JsonNode id : ids) {
            Optional<ChannelModel.Msg> m = c.message(id.asLong() >> 20, client.run());
            if (m.isPresent()) {
                messages.add(message(sim, client, c, m.get()));
            } else {
                messages.addNull();
            }
        }
        result.put("total_count", messages.size());
        return result;
    }
}
