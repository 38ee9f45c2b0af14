package dev.tgdl.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.OptionalLong;

/**
 * Builds the TDLib objects the simulator sends, field for field as {@code td_api.tl} names them:
 * int64 fields as JSON strings, null objects left out. {@code SimSchemaTest} checks every object
 * the simulator emits against the schema.
 */
final class TdObjects {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private TdObjects() {
    }

    static ObjectNode object(String type) {
        ObjectNode node = F.objectNode();
        node.put("@type", type);
        return node;
    }

    static ObjectNode ok() {
        return object("ok");
    }

    static ObjectNode error(int code, String message) {
        return object("error").put("code", code).put("message", message);
    }

    static ObjectNode optionString(String value) {
        return object("optionValueString").put("value", value);
    }

    static ObjectNode optionInteger(long value) {
        return object("optionValueInteger").put("value", Long.toString(value));
    }

    static ObjectNode updateOption(String name, ObjectNode value) {
        ObjectNode u = object("updateOption").put("name", name);
        u.set("value", value);
        return u;
    }

    static ObjectNode updateAuthorizationState(ObjectNode state) {
        ObjectNode u = object("updateAuthorizationState");
        u.set("authorization_state", state);
        return u;
    }

    static ObjectNode updateConnectionState(String state) {
        ObjectNode u = object("updateConnectionState");
        u.set("state", object(state));
        return u;
    }

    static ObjectNode waitCode(String phone) {
        ObjectNode info = object("authenticationCodeInfo").put("phone_number", phone).put("timeout", 0);
        info.set("type", object("authenticationCodeTypeTelegramMessage").put("length", 5));
        ObjectNode state = object("authorizationStateWaitCode");
        state.set("code_info", info);
        return state;
    }

    static ObjectNode waitPassword(String hint) {
        return object("authorizationStateWaitPassword").put("password_hint", hint).put("has_recovery_email_address", false)
                .put("has_passport_data", false).put("recovery_email_address_pattern", "");
    }

    static ObjectNode waitRegistration() {
        ObjectNode text = formattedText("Terms of service of the simulated Telegram.");
        ObjectNode terms = object("termsOfService").put("min_user_age", 0).put("show_popup", false);
        terms.set("text", text);
        ObjectNode state = object("authorizationStateWaitRegistration");
        state.set("terms_of_service", terms);
        return state;
    }

    static ObjectNode waitEmailAddress() {
        return object("authorizationStateWaitEmailAddress").put("allow_apple_id", false).put("allow_google_id", false);
    }

    static ObjectNode waitPremiumPurchase() {
        return object("authorizationStateWaitPremiumPurchase").put("store_product_id", "premium.sim")
                .put("premium_day_count", 30).put("support_email_address", "").put("support_email_subject", "");
    }

    static ObjectNode formattedText(String text) {
        ObjectNode t = object("formattedText").put("text", text);
        t.putArray("entities");
        return t;
    }

    static ObjectNode usernames(List<String> active) {
        ObjectNode u = object("usernames");
        ArrayNode list = u.putArray("active_usernames");
        active.forEach(list::add);
        u.putArray("disabled_usernames");
        u.put("editable_username", active.isEmpty() ? "" : active.getFirst());
        u.putArray("collectible_usernames");
        return u;
    }

    static ObjectNode user(Scenario.Account a) {
        return user(a.userId(), a.firstName(), a.lastName(), a.username(), a.phone().replace("+", ""), a.premium());
    }

    /** The user of a private chat of the scenario: the title is the first name; no phone number (not a contact's). */
    static ObjectNode user(Scenario.ChatSpec c) {
        return user(c.id(), c.title(), "", c.username(), "", false);
    }

    private static ObjectNode user(long id, String firstName, String lastName, String username, String phone, boolean premium) {
        ObjectNode u = object("user").put("id", id).put("first_name", firstName).put("last_name", lastName);
        u.set("usernames", usernames(username.isEmpty() ? List.of() : List.of(username)));
        u.put("phone_number", phone);
        u.set("status", object("userStatusEmpty"));
        u.put("accent_color_id", 0).put("background_custom_emoji_id", "0").put("profile_accent_color_id", -1)
                .put("profile_background_custom_emoji_id", "0").put("is_contact", false).put("is_mutual_contact", false)
                .put("is_close_friend", false).put("is_premium", premium).put("is_support", false)
                .put("restricts_new_chats", false).put("paid_message_star_count", 0).put("have_access", true);
        u.set("type", object("userTypeRegular"));
        u.put("language_code", "en").put("added_to_attachment_menu", false);
        return u;
    }

    /**
     * A channel's (or supergroup's) chat, every field TDLib writes (its last message included).
     *
     * @param order its order in the main chat list, when it is in it
     */
    static ObjectNode channelChat(SimulatedTdlib sim, SimClient client, ChannelModel c, OptionalLong order) {
        ObjectNode chat = object("chat").put("id", c.chatId());
        chat.set("type", object("chatTypeSupergroup").put("supergroup_id", c.spec().id()).put("is_channel", !c.spec().group()));
        chat.put("title", c.title());
        common(chat, permissions(c.spec().group()), order);
        long newest = c.messageCount(client.run());
        for (long id = newest; id >= 1 && id > newest - 100; id--) {
            var message = c.message(id, client.run());
            if (message.isPresent()) {
                chat.set("last_message", SimMessages.message(sim, client, c, message.get()));
                break;
            }
        }
        return chat;
    }

    static ObjectNode privateChat(Scenario.Account a) {
        ObjectNode chat = object("chat").put("id", a.userId());
        chat.set("type", object("chatTypePrivate").put("user_id", a.userId()));
        chat.put("title", (a.firstName() + " " + a.lastName()).trim());
        common(chat, permissions(true), OptionalLong.empty());
        return chat;
    }

    /** The chat of a private chat or basic group of the scenario (no messages, so no last message). */
    static ObjectNode otherChat(Scenario.ChatSpec c, OptionalLong order) {
        ObjectNode chat = object("chat").put("id", c.chatId());
        if (c.type().equals("basic_group")) {
            chat.set("type", object("chatTypeBasicGroup").put("basic_group_id", c.id()));
        } else {
            chat.set("type", object("chatTypePrivate").put("user_id", c.id()));
        }
        chat.put("title", c.title());
        common(chat, permissions(true), order);
        return chat;
    }

    /** {@code basicGroup}: the account is a member. */
    static ObjectNode basicGroup(Scenario.ChatSpec c) {
        ObjectNode g = object("basicGroup").put("id", c.id()).put("member_count", c.members());
        g.set("status", object("chatMemberStatusMember").put("member_until_date", 0));
        g.put("is_active", true).put("upgraded_to_supergroup_id", 0);
        return g;
    }

    /** A chat's position in the main chat list. */
    static ObjectNode mainListPosition(long order) {
        ObjectNode p = object("chatPosition");
        p.set("list", object("chatListMain"));
        p.put("order", Long.toString(order)).put("is_pinned", false);
        return p;
    }

    /** {@code updateNewChat}: TDLib sends it before a chat's id first reaches the application. */
    static ObjectNode updateNewChat(ObjectNode chat) {
        ObjectNode u = object("updateNewChat");
        u.set("chat", chat);
        return u;
    }

    /** {@code updateChatPosition} in the main chat list. */
    static ObjectNode updateChatPosition(long chatId, long order) {
        ObjectNode u = object("updateChatPosition").put("chat_id", chatId);
        u.set("position", mainListPosition(order));
        return u;
    }

    /** {@code chats total_count chat_ids}. */
    static ObjectNode chats(int totalCount, List<Long> chatIds) {
        ObjectNode c = object("chats").put("total_count", totalCount);
        ArrayNode ids = c.putArray("chat_ids");
        chatIds.forEach(ids::add);
        return c;
    }

    /** The fields every chat object carries with the same values in the simulation; a position when it is in the main list. */
    private static void common(ObjectNode chat, ObjectNode permissions, OptionalLong order) {
        chat.put("accent_color_id", 0).put("background_custom_emoji_id", "0").put("profile_accent_color_id", -1)
                .put("profile_background_custom_emoji_id", "0");
        chat.set("permissions", permissions);
        ArrayNode positions = chat.putArray("positions");
        ArrayNode lists = chat.putArray("chat_lists");
        if (order.isPresent()) {
            positions.add(mainListPosition(order.getAsLong()));
            lists.add(object("chatListMain"));
        }
        chat.put("has_protected_content", false).put("is_translatable", false).put("is_marked_as_unread", false)
                .put("view_as_topics", false).put("has_scheduled_messages", false)
                .put("can_be_deleted_only_for_self", false).put("can_be_deleted_for_all_users", false)
                .put("can_be_reported", true).put("default_disable_notification", false).put("unread_count", 0)
                .put("last_read_inbox_message_id", 0).put("last_read_outbox_message_id", 0)
                .put("unread_mention_count", 0).put("unread_reaction_count", 0).put("unread_poll_vote_count", 0);
        chat.set("notification_settings", notificationSettings());
        chat.set("available_reactions", object("chatAvailableReactionsAll").put("max_reaction_count", 11));
        chat.put("message_auto_delete_time", 0);
        chat.set("video_chat", object("videoChat").put("group_call_id", 0).put("has_participants", false));
        chat.put("reply_markup_message_id", 0).put("client_data", "");
    }

    private static ObjectNode permissions(boolean all) {
        ObjectNode p = object("chatPermissions");
        for (String name : List.of("can_send_basic_messages", "can_send_audios", "can_send_documents", "can_send_photos",
                "can_send_videos", "can_send_video_notes", "can_send_voice_notes", "can_send_polls",
                "can_send_other_messages", "can_add_link_previews", "can_react_to_messages", "can_edit_tag",
                "can_change_info", "can_invite_users", "can_pin_messages", "can_create_topics")) {
            p.put(name, all || name.equals("can_react_to_messages"));
        }
        return p;
    }

    static ObjectNode notificationSettings() {
        return object("chatNotificationSettings").put("use_default_mute_for", true).put("mute_for", 0)
                .put("use_default_sound", true).put("sound_id", "0").put("use_default_show_preview", true)
                .put("show_preview", true).put("use_default_mute_stories", true).put("mute_stories", false)
                .put("use_default_story_sound", true).put("story_sound_id", "0").put("use_default_show_story_poster", true)
                .put("show_story_poster", true).put("use_default_disable_pinned_message_notifications", true)
                .put("disable_pinned_message_notifications", false).put("use_default_disable_mention_notifications", true)
                .put("disable_mention_notifications", false);
    }

    static ObjectNode supergroup(ChannelModel c) {
        ObjectNode s = object("supergroup").put("id", c.spec().id());
        s.set("usernames", usernames(c.username().isEmpty() ? List.of() : List.of(c.username())));
        s.put("date", c.spec().start().getEpochSecond());
        s.set("status", object("chatMemberStatusMember").put("member_until_date", 0));
        s.put("member_count", c.spec().members()).put("boost_level", 0).put("has_automatic_translation", false)
                .put("has_linked_chat", SimThreads.linkedChatId(c) != 0).put("has_location", false).put("sign_messages", false)
                .put("show_message_sender", false).put("join_to_send_messages", c.spec().group()).put("join_by_request", false)
                .put("is_slow_mode_enabled", false).put("is_channel", !c.spec().group()).put("is_broadcast_group", false)
                .put("is_forum", c.spec().forum()).put("is_direct_messages_group", false).put("is_administered_direct_messages_group", false)
                .put("has_direct_messages_group", false).put("has_forum_tabs", false).put("paid_message_star_count", 0);
        return s;
    }

    /** Local state of a file, as TDLib fills localFile. */
    record Local(String path, boolean canBeDeleted, boolean active, boolean completed, long prefix, long downloaded) {

        static final Local NONE = new Local("", false, false, false, 0, 0);
    }

    static ObjectNode file(int id, long size, Local local, String remoteId, String uniqueId) {
        ObjectNode f = object("file").put("id", id).put("size", size).put("expected_size", size);
        ObjectNode l = object("localFile").put("path", local.path()).put("can_be_downloaded", true)
                .put("can_be_deleted", local.canBeDeleted()).put("is_downloading_active", local.active())
                .put("is_downloading_completed", local.completed()).put("download_offset", 0)
                .put("downloaded_prefix_size", local.prefix()).put("downloaded_size", local.downloaded());
        f.set("local", l);
        ObjectNode r = object("remoteFile").put("id", remoteId).put("unique_id", uniqueId)
                .put("is_uploading_active", false).put("is_uploading_completed", true).put("uploaded_size", size);
        f.set("remote", r);
        return f;
    }

    static ObjectNode updateFile(ObjectNode file) {
        ObjectNode u = object("updateFile");
        u.set("file", file);
        return u;
    }
}
