package dev.tgdl.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * Forum topics and the comments of channel posts, as Telegram has them and TDLib serves them.
 *
 * <p><b>Forums.</b> A supergroup with {@code topics} is a forum ({@code supergroup.is_forum}). Message 1 is
 * in the General topic (forum topic id 1); messages 2..n+1 are the {@code messageForumTopicCreated} service
 * messages that open the n topics, and a topic's id is the id of the message that opened it (TDLib's
 * ForumTopicId is the server id of the topic's top message: td/telegram/ForumTopicId.h,
 * {@code to_top_thread_message_id}); every later message is in a topic by lot (an album stays in one).
 * Every message of a forum carries its {@code topic_id} ({@code messageTopicForum}).
 *
 * <p><b>Comments.</b> A channel with a {@code discussion} group has {@code linked_chat_id} on its
 * supergroupFullInfo (and the group the channel's), and each post a {@code reply_info} with its reply count.
 * The group's message ids come in blocks of {@value #SLOTS} per post: the first is the post's automatic
 * forward into the group (the thread's top message, with {@code forward_info} naming the post), the others its
 * comments; every message of the group carries the thread as {@code topic_id} ({@code messageTopicThread}).
 * getMessageThreadHistory of a post answers the comments only, newest first: TDLib runs it as a search of the
 * thread (MessagesManager::get_message_thread_history, SearchMessagesQuery with the top message), which the
 * server answers with the replies and not the top message.
 */
final class SimThreads {

    /** Group message ids per post: the automatic forward and up to {@code SLOTS - 1} comments. */
    static final int SLOTS = 5;
    /** The General topic's id (ForumTopicId::general()). */
    static final long GENERAL = 1;
    /** getForumTopics and the thread histories answer at most this many (MAX_GET_HISTORY). */
    private static final int MAX_PAGE = 100;

    private SimThreads() {
    }

    // ---------------------------------------------------------------- the model

    static boolean opensTopic(Scenario.ChannelSpec spec, long id) {
        return id >= 2 && id <= spec.topics().size() + 1;
    }

    /** The post a discussion group's message belongs to. */
    static long postOf(long groupMessageId) {
        return (groupMessageId - 1) / SLOTS + 1;
    }

    /** 0 for the post's automatic forward, 1.. for its comments. */
    static int slotOf(long groupMessageId) {
        return (int) ((groupMessageId - 1) % SLOTS);
    }

    /** The id of a post's automatic forward in the discussion group: the thread's top message. */
    static long threadOf(long postId) {
        return (postId - 1) * SLOTS + 1;
    }

    /** The index of the channel whose discussion group {@code spec} is, if it is one. */
    static Optional<Integer> postsOf(Scenario scenario, Scenario.ChannelSpec spec) {
        if (spec.username().isEmpty()) {
            return Optional.empty();
        }
        List<Scenario.ChannelSpec> channels = scenario.channels();
        for (int i = 0; i < channels.size(); i++) {
            if (channels.get(i).discussion().equalsIgnoreCase(spec.username())) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The chat id of {@code spec}'s discussion group, 0 for none. */
    static long discussionOf(Scenario scenario, Scenario.ChannelSpec spec) {
        if (spec.discussion().isEmpty()) {
            return 0;
        }
        return scenario.channels().stream().filter(c -> c.username().equalsIgnoreCase(spec.discussion()))
                .mapToLong(c -> -1_000_000_000_000L - c.id()).findFirst().orElse(0);
    }

    /** The linked chat: a channel's discussion group, or the channel a discussion group belongs to; 0 for none. */
    static long linkedChatId(ChannelModel c) {
        return c.posts().map(ChannelModel::chatId).orElse(c.discussionChatId());
    }

    /** The scenario's rules for topics and discussion groups. */
    static void validate(List<Scenario.ChannelSpec> channels) {
        for (Scenario.ChannelSpec c : channels) {
            String key = "channel " + (c.username().isEmpty() ? String.valueOf(c.id()) : c.username());
            if (c.forum() && !c.group()) {
                throw new ScenarioException(key + ": topics are for supergroups (group: true); a channel has none");
            }
            if (c.topics().size() > 50 || c.topics().stream().anyMatch(String::isEmpty)) {
                throw new ScenarioException(key + ": topics are 1..50 names, none empty");
            }
            if (c.commentShare() < 0 || c.commentShare() > 1) {
                throw new ScenarioException(key + ": comment_share must be 0..1");
            }
            if (c.discussion().isEmpty()) {
                continue;
            }
            if (c.group()) {
                throw new ScenarioException(key + ": discussion is for channels (group: false); a group has none");
            }
            Optional<Scenario.ChannelSpec> group = channels.stream()
                    .filter(g -> g.username().equalsIgnoreCase(c.discussion())).findFirst();
            if (group.isEmpty() || !group.get().group() || group.get().forum() || !group.get().discussion().isEmpty()) {
                throw new ScenarioException(key + ": discussion '" + c.discussion()
                        + "' must name a supergroup of the scenario (group: true, no topics)");
            }
            long linking = channels.stream().filter(o -> o.discussion().equalsIgnoreCase(c.discussion())).count();
            if (linking > 1) {
                throw new ScenarioException(key + ": discussion group '" + c.discussion() + "' serves another channel too");
            }
            if (c.messages() * (long) SLOTS + c.growth() * 1000L * SLOTS > ChannelModel.MAX_MESSAGE_ID) {
                throw new ScenarioException(key + ": too many messages for a discussion group (at most "
                        + ChannelModel.MAX_MESSAGE_ID / SLOTS + ")");
            }
        }
    }

    // ---------------------------------------------------------------- messages

    /**
     * What a forum's or a discussion group's message carries besides a channel post's fields: its topic, its
     * sender, its thread, the forward of the post; and for a post of a channel with comments, its reply info.
     */
    static void decorate(ChannelModel c, ChannelModel.Msg m, int run, ObjectNode msg) {
        if (c.spec().forum()) {
            msg.put("is_channel_post", false);
            msg.set("sender_id", TdObjects.object("messageSenderUser").put("user_id", member(m.id())));
            msg.set("topic_id", TdObjects.object("messageTopicForum").put("forum_topic_id", (int) c.topicOf(m.id())));
            return;
        }
        if (c.posts().isPresent()) {
            ChannelModel channel = c.posts().get();
            long post = postOf(m.id());
            long thread = threadOf(post);
            msg.put("is_channel_post", false);
            msg.set("topic_id", TdObjects.object("messageTopicThread").put("message_thread_id", thread << 20));
            if (slotOf(m.id()) == 0) {
                msg.set("sender_id", TdObjects.object("messageSenderChat").put("chat_id", channel.chatId()));
                ObjectNode forward = TdObjects.object("messageForwardInfo");
                forward.set("origin", TdObjects.object("messageOriginChannel").put("chat_id", channel.chatId())
                        .put("message_id", post << 20).put("author_signature", ""));
                forward.put("date", m.date().getEpochSecond()).put("public_service_announcement_type", "");
                msg.set("forward_info", forward);
            } else {
                msg.set("sender_id", TdObjects.object("messageSenderUser").put("user_id", member(m.id())));
                msg.set("reply_to", TdObjects.object("messageReplyToMessage").put("chat_id", c.chatId())
                        .put("message_id", thread << 20).put("checklist_task_id", 0).put("poll_option_id", "")
                        .put("origin_send_date", 0));
            }
            return;
        }
        if (c.discussionChatId() != 0) {
            int comments = c.comments(m.id(), run);
            ObjectNode reply = TdObjects.object("messageReplyInfo").put("reply_count", comments);
            reply.putArray("recent_replier_ids");
            reply.put("last_read_inbox_message_id", 0).put("last_read_outbox_message_id", 0)
                    .put("last_message_id", comments == 0 ? 0 : (threadOf(m.id()) + comments) << 20);
            ((ObjectNode) msg.get("interaction_info")).set("reply_info", reply);
        }
    }

    /** A member of a group, as the sender of a message: one of a handful of users. */
    private static long member(long messageId) {
        return 777_100_000L + messageId % 7;
    }

    /** The content of a message that opens a topic. */
    static ObjectNode topicCreated(String name, long topicId) {
        ObjectNode content = TdObjects.object("messageForumTopicCreated").put("name", name).put("is_name_implicit", false);
        content.set("icon", icon(topicId));
        return content;
    }

    private static ObjectNode icon(long topicId) {
        // the six colours TDLib allows for topic icons (createForumTopic in td_api.tl)
        int[] colours = {0x6FB9F0, 0xFFD67E, 0xCB86DB, 0x8EEE98, 0xFF93B2, 0xFB6F5F};
        return TdObjects.object("forumTopicIcon").put("color", colours[(int) (topicId % colours.length)])
                .put("custom_emoji_id", "0");
    }

    // ---------------------------------------------------------------- requests

    /** A forum and its topics: General and one per {@code topics} entry. */
    private record Topic(long id, String name, ChannelModel.Msg last) {
    }

    /** The forum's topics in the order Telegram lists them: by their last message, newest first. */
    private static List<Topic> topics(ChannelModel c, int run) {
        int n = c.spec().topics().size();
        ChannelModel.Msg[] last = new ChannelModel.Msg[n + 2];
        int missing = n + 1;
        for (long id = c.messageCount(run); id >= 1 && missing > 0; id--) {
            Optional<ChannelModel.Msg> m = c.message(id, run);
            if (m.isPresent()) {
                int topic = (int) c.topicOf(id);
                if (last[topic] == null) {
                    last[topic] = m.get();
                    missing--;
                }
            }
        }
        List<Topic> topics = new ArrayList<>();
        for (int t = 1; t <= n + 1; t++) {
            if (last[t] != null) {
                topics.add(new Topic(t, t == GENERAL ? "General" : c.spec().topics().get(t - 2), last[t]));
            }
        }
        topics.sort(Comparator.comparingLong((Topic t) -> t.last().id()).reversed());
        return topics;
    }

    private static ObjectNode topicObject(SimulatedTdlib sim, SimClient client, ChannelModel c, Topic t) {
        ObjectNode info = TdObjects.object("forumTopicInfo").put("chat_id", c.chatId()).put("forum_topic_id", (int) t.id())
                .put("name", t.name());
        info.set("icon", icon(t.id()));
        Optional<ChannelModel.Msg> opening = t.id() == GENERAL ? Optional.empty() : c.message(t.id(), client.run());
        info.put("creation_date", opening.map(m -> m.date().getEpochSecond()).orElse(c.spec().start().getEpochSecond()));
        info.set("creator_id", TdObjects.object("messageSenderUser").put("user_id", member(t.id())));
        info.put("is_general", t.id() == GENERAL).put("is_outgoing", false).put("is_closed", false)
                .put("is_hidden", false).put("is_name_implicit", false);
        ObjectNode topic = TdObjects.object("forumTopic");
        topic.set("info", info);
        topic.set("last_message", SimMessages.message(sim, client, c, t.last()));
        topic.put("order", Long.toString((t.last().date().getEpochSecond() << 32) + t.last().id())).put("is_pinned", false)
                .put("unread_count", 0).put("last_read_inbox_message_id", t.last().id() << 20)
                .put("last_read_outbox_message_id", 0).put("unread_mention_count", 0).put("unread_reaction_count", 0)
                .put("unread_poll_vote_count", 0);
        topic.set("notification_settings", TdObjects.notificationSettings());
        return topic;
    }

    /**
     * getForumTopics (ForumTopicManager::get_forum_topics): 400 "The chat is not a forum" for other chats;
     * a page of topics after the offsets' topic, with the offsets of its last topic for the next page.
     */
    static ObjectNode forumTopics(SimulatedTdlib sim, SimClient client, ChannelModel c, JsonNode r) {
        if (!c.spec().forum()) {
            return TdObjects.error(400, "The chat is not a forum");
        }
        int limit = r.path("limit").asInt();
        if (limit <= 0) {
            return TdObjects.error(400, "Invalid limit specified");
        }
        List<Topic> all = topics(c, client.run());
        int start = 0;
        long after = r.path("offset_forum_topic_id").asLong();
        if (after != 0) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id() == after) {
                    start = i + 1;
                }
            }
        }
        List<Topic> page = all.subList(Math.min(start, all.size()), Math.min(all.size(), start + Math.min(limit, MAX_PAGE)));
        ObjectNode result = TdObjects.object("forumTopics").put("total_count", all.size());
        ArrayNode topics = result.putArray("topics");
        page.forEach(t -> topics.add(topicObject(sim, client, c, t)));
        Topic last = page.isEmpty() ? null : page.getLast();
        result.put("next_offset_date", last == null ? 0 : last.last().date().getEpochSecond())
                .put("next_offset_message_id", last == null ? 0 : last.last().id() << 20)
                .put("next_offset_forum_topic_id", last == null ? 0 : (int) last.id());
        return result;
    }

    /** getForumTopic: one topic, or 400 "Topic not found" (MessageTopic.cpp). */
    static ObjectNode forumTopic(SimulatedTdlib sim, SimClient client, ChannelModel c, JsonNode r) {
        if (!c.spec().forum()) {
            return TdObjects.error(400, "The chat is not a forum");
        }
        long id = r.path("forum_topic_id").asLong();
        return topics(c, client.run()).stream().filter(t -> t.id() == id).findFirst()
                .map(t -> topicObject(sim, client, c, t)).orElseGet(() -> TdObjects.error(400, "Topic not found"));
    }

    /**
     * getForumTopicHistory (MessagesManager::get_forum_topic_history): the topic's messages from
     * from_message_id itself down (it is included), newest first, at most 100.
     */
    static ObjectNode forumTopicHistory(SimulatedTdlib sim, SimClient client, ChannelModel c, JsonNode r) {
        if (!c.spec().forum()) {
            return TdObjects.error(400, "The chat is not a forum");
        }
        long topic = r.path("forum_topic_id").asLong();
        if (topic < 1 || topic > c.spec().topics().size() + 1) {
            return TdObjects.error(400, "Topic not found");
        }
        return threadPage(sim, client, c, r, id -> c.topicOf(id) == topic);
    }

    /**
     * getMessageThreadHistory of a channel post: its comments in the discussion group, from from_message_id
     * itself down, newest first; 400 "Message has no thread" for a post without comments
     * (MessagesManager::get_top_thread_message_full_id), "Message not found" for none.
     */
    static ObjectNode threadHistory(SimulatedTdlib sim, SimClient client, ChannelModel channel, JsonNode r) {
        int run = client.run();
        long post = r.path("message_id").asLong() >> 20;
        if (channel.message(post, run).isEmpty()) {
            return TdObjects.error(400, "Message not found");
        }
        Optional<ChannelModel> group = sim.channelByChatId(channel.discussionChatId());
        if (group.isEmpty() || channel.comments(post, run) == 0) {
            return TdObjects.error(400, "Message has no thread");
        }
        ChannelModel g = group.get();
        long from = r.path("from_message_id").asLong() >> 20;
        long top = threadOf(post) + SLOTS - 1;
        ObjectNode page = TdObjects.object("messages");
        ArrayNode messages = page.putArray("messages");
        for (long id = from == 0 ? top : Math.min(from, top); id > threadOf(post) && messages.size() < limit(r); id--) {
            g.message(id, run).ifPresent(m -> messages.add(SimMessages.message(sim, client, g, m)));
        }
        page.put("total_count", channel.comments(post, run));
        return page;
    }

    private static int limit(JsonNode r) {
        return Math.max(1, Math.min(MAX_PAGE, r.path("limit").asInt(MAX_PAGE)));
    }

    private static ObjectNode threadPage(SimulatedTdlib sim, SimClient client, ChannelModel c, JsonNode r,
                                         LongPredicate inThread) {
        int run = client.run();
        long from = r.path("from_message_id").asLong() >> 20;
        int count = c.messageCount(run);
        ObjectNode page = TdObjects.object("messages");
        ArrayNode messages = page.putArray("messages");
        for (long id = from == 0 ? count : Math.min(from, count); id >= 1 && messages.size() < limit(r); id--) {
            if (inThread.test(id)) {
                c.message(id, run).ifPresent(m -> messages.add(SimMessages.message(sim, client, c, m)));
            }
        }
        page.put("total_count", messages.size());
        return page;
    }

    /** Whether a searchChatMessages' topic_id lets a message of {@code c} through. */
    static boolean inTopic(ChannelModel c, JsonNode topicId, long id) {
        String type = topicId.path("@type").asText("");
        return switch (type) {
            case "messageTopicForum" -> c.spec().forum() && c.topicOf(id) == topicId.path("forum_topic_id").asLong();
            case "messageTopicThread" -> c.posts().isPresent()
                    && threadOf(postOf(id)) == topicId.path("message_thread_id").asLong() >> 20 && slotOf(id) > 0;
            default -> true;
        };
    }

    /**
     * supergroupFullInfo, every field TDLib writes; {@code linked_chat_id} is the discussion group of a channel
     * and the channel of a discussion group.
     */
    static ObjectNode fullInfo(ChannelModel c) {
        ObjectNode info = TdObjects.object("supergroupFullInfo").put("community_id", 0).put("description", "")
                .put("member_count", c.spec().members()).put("administrator_count", 0).put("restricted_count", 0)
                .put("banned_count", 0).put("linked_chat_id", linkedChatId(c)).put("direct_messages_chat_id", 0)
                .put("slow_mode_delay", 0).put("slow_mode_delay_expires_in", 0.0);
        for (String flag : List.of("can_enable_paid_messages", "can_enable_paid_reaction", "can_get_members",
                "has_hidden_members", "can_hide_members", "can_set_sticker_set", "can_set_location", "can_get_statistics",
                "can_get_revenue_statistics", "can_get_star_revenue_statistics", "can_send_gift",
                "can_toggle_aggressive_anti_spam", "can_have_sponsored_messages", "has_aggressive_anti_spam_enabled",
                "has_paid_media_allowed", "has_pinned_stories")) {
            info.put(flag, false);
        }
        info.put("is_all_history_available", true).put("gift_count", 0).put("my_boost_count", 0)
                .put("unrestrict_boost_count", 0).put("outgoing_paid_message_star_count", 0).put("sticker_set_id", "0")
                .put("custom_emoji_sticker_set_id", "0").put("guard_bot_user_id", 0).put("upgraded_from_basic_group_id", 0)
                .put("upgraded_from_max_message_id", 0);
        info.putArray("bot_commands");
        return info;
    }
}
