package dev.tgdl.download;

import dev.tgdl.telegram.Chat;
import dev.tgdl.telegram.ForumTopic;
import dev.tgdl.telegram.MediaItem;
import dev.tgdl.telegram.MessageThread;
import dev.tgdl.telegram.ResolvedSource;
import dev.tgdl.telegram.Telegram;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Which part of a source's chat a run takes: one forum topic or every message, and with
 * {@code --comments} the discussion group its posts' comments are in. Built once per source, before
 * anything of it is selected, so a source that cannot be read as asked fails whole.
 *
 * @param topic    the one topic to take, if any
 * @param comments the channel's discussion group, when its posts' comments are taken too
 */
record SourceScope(Optional<ForumTopic> topic, Optional<Chat> comments) {

    /** How many topics a "no such topic" message names before it points at {@code tgdl topics}. */
    private static final int NAMED_IN_ERRORS = 8;

    /**
     * The scope of a resolved source.
     *
     * @throws SourceProblem when the source names a topic the chat does not have, {@code --topic} is given for a
     *                       chat that is no forum, or {@code --comments} for a chat without a discussion group
     */
    static SourceScope of(Telegram telegram, ResolvedSource source, DownloadOptions options) {
        Chat chat = source.chat();
        Optional<ForumTopic> topic = Optional.empty();
        // a topic link names its topic; --topic applies to the sources that name none
        OptionalLong linked = source.topic();
        if (linked.isPresent() || options.topic().isPresent() && source.onlyMessage().isEmpty()) {
            String wanted = linked.isPresent() ? Long.toString(linked.getAsLong()) : options.topic().orElseThrow();
            List<ForumTopic> topics = telegram.forumTopics(chat).orElseThrow(() -> new SourceProblem(
                    escape(chat.displayName()) + " is not a forum (a supergroup with topics): --topic works only there"));
            ForumTopic found = find(topics, wanted, linked.isPresent()).orElseThrow(() -> new SourceProblem(
                    "no topic " + quote(wanted) + " in " + escape(chat.displayName()) + "; its topics: " + list(topics)
                            + " (tgdl topics " + sourceText(source) + " lists them)"));
            topic = linked.isPresent() && source.onlyMessage().isPresent() ? Optional.empty() : Optional.of(found);
        }
        Optional<Chat> comments = Optional.empty();
        if (options.comments()) {
            comments = Optional.of(telegram.discussionGroup(chat).orElseThrow(() -> new SourceProblem(
                    escape(chat.displayName()) + " has no discussion group, so its posts have no comments:"
                            + " leave out --comments for it")));
        }
        return new SourceScope(topic, comments);
    }

    /**
     * The topic {@code wanted} names: a topic id (a number), else a name, compared without case; a number
     * that is no topic's id may still be a name.
     */
    static Optional<ForumTopic> find(List<ForumTopic> topics, String wanted, boolean idOnly) {
        String text = wanted.trim();
        if (text.matches("\\d{1,10}")) {
            long id = Long.parseLong(text);
            Optional<ForumTopic> byId = topics.stream().filter(t -> t.id() == id).findFirst();
            if (byId.isPresent() || idOnly) {
                return byId;
            }
        }
        return topics.stream().filter(t -> t.name().equalsIgnoreCase(text)).findFirst()
                .or(() -> topics.stream().filter(t -> t.name().strip().equalsIgnoreCase(text)).findFirst());
    }

    private static String list(List<ForumTopic> topics) {
        String named = topics.stream().limit(NAMED_IN_ERRORS).map(t -> t.id() + " " + quote(t.name()))
                .collect(Collectors.joining(", "));
        return topics.size() > NAMED_IN_ERRORS ? named + ", ..." : named;
    }

    private static String sourceText(ResolvedSource source) {
        return source.chat().username().map(u -> "@" + u).orElse(Long.toString(source.chat().id()));
    }

    /** A name from Telegram, quoted with its control characters escaped: it goes into a one-line message. */
    static String quote(String name) {
        return "'" + escape(name) + "'";
    }

    /** A name from Telegram with its control and invisible formatting characters (bidi overrides) escaped. */
    static String escape(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                out.append(String.format(Locale.ROOT, "\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /**
     * Names the forum topics of a chat's items for {@code {topic}}: TDLib's messages carry only the topic's id.
     * The topic list is fetched the first time an item needs it, so chats that are no forum cost no call.
     */
    static final class TopicNames {
        private final Telegram telegram;
        private final Chat chat;
        private final Map<Long, String> names = new HashMap<>();
        private boolean fetched;

        TopicNames(Telegram telegram, Chat chat, Optional<ForumTopic> known) {
            this.telegram = telegram;
            this.chat = chat;
            known.ifPresent(t -> names.put(t.id(), t.name()));
        }

        /** The item with its topic named (as it was when it has none, or its topic is unknown). */
        MediaItem name(MediaItem item) {
            if (!(item.thread() instanceof MessageThread.Topic(long id, String name)) || !name.isEmpty()) {
                return item;
            }
            if (!names.containsKey(id) && !fetched) {
                fetched = true;
                telegram.forumTopics(chat).orElse(List.of()).forEach(t -> names.put(t.id(), t.name()));
            }
            String found = names.get(id);
            return found == null ? item : item.withThread(new MessageThread.Topic(id, found));
        }
    }
}
