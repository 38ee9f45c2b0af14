package dev.tgdl.telegram;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SOURCE as the user typed it: {@code @name}, {@code name}, {@code https://t.me/name[/ID]},
 * {@code https://t.me/name/TOPIC/ID}, {@code https://t.me/c/CHANNEL/ID},
 * {@code https://t.me/c/CHANNEL/TOPIC/ID}, a {@code -100...} chat id, or an invite link
 * ({@code https://t.me/+HASH}, {@code https://t.me/joinchat/HASH}).
 *
 * <p>{@code t.me/name/N} is a message link to a chat, and to a forum a link to topic N as well: a topic's
 * id is the id of the message that opened it (and 1 is the General topic), which is how TDLib writes topic
 * links (getForumTopicLink). Which one it is only the chat can say, so {@link Telegram#resolve} decides.
 * Likewise the middle number of {@code t.me/name/N/ID} and {@code t.me/c/CHANNEL/N/ID} is a topic only in a
 * forum; elsewhere it is a reply thread (the link of a comment) and the link is message ID alone.
 */
public sealed interface SourceRef {

    /** What the user typed. */
    String text();

    /** A public username. */
    record Username(String text, String username) implements SourceRef {
    }

    /**
     * One message (or its album) of a public chat: {@code t.me/name/ID}, or {@code t.me/name/TOPIC/ID} in a
     * forum topic; {@code t.me/name/TOPIC} of a forum is the whole topic.
     *
     * @param topicId the middle number of a {@code t.me/name/N/ID} link: the topic in a forum, else a reply thread
     */
    record PublicPost(String text, String username, long serverMessageId, OptionalLong topicId) implements SourceRef {

        /** A link that names no topic. */
        public PublicPost(String text, String username, long serverMessageId) {
            this(text, username, serverMessageId, OptionalLong.empty());
        }
    }

    /**
     * One message of a private channel: {@code t.me/c/CHANNEL/ID} or {@code t.me/c/CHANNEL/TOPIC/ID};
     * resolved through its link; {@code t.me/c/CHANNEL/TOPIC} of a forum is the whole topic.
     *
     * @param topicId the middle number of a {@code t.me/c/CHANNEL/N/ID} link: the topic in a forum, else a reply
     *                thread
     */
    record PrivatePost(String text, long channelId, long serverMessageId, OptionalLong topicId) implements SourceRef {

        /** A link that names no topic. */
        public PrivatePost(String text, long channelId, long serverMessageId) {
            this(text, channelId, serverMessageId, OptionalLong.empty());
        }
    }

    /** A chat id: {@code -100...} for channels and supergroups. */
    record ChatId(String text, long chatId) implements SourceRef {
    }

    /** An invite link, resolved with checkChatInviteLink and joined only when the user asks. */
    record InviteLink(String text, String url) implements SourceRef {
    }

    /** The accepted forms, for error messages. */
    String FORMS = "@username, username, https://t.me/username[/ID], https://t.me/username/TOPIC/ID, "
            + "https://t.me/c/CHANNEL[/TOPIC]/ID, "
            + "a -100... chat id, or an invite link (https://t.me/+HASH)";

    /**
     * Parses a source.
     *
     * @throws IllegalArgumentException naming the source and the accepted forms
     */
    static SourceRef parse(String text) {
        return Parser.parse(text).orElseThrow(() ->
                new IllegalArgumentException("cannot read source '" + text + "': use " + FORMS));
    }

    /**
     * Parsing rules. Usernames: 3..32 of letters, digits and '_', starting with a letter; Telegram's
     * own minimum is 4 or 5 depending on the kind, so the server, not tgdl, rejects the short ones.
     */
    final class Parser {
        private static final Pattern USERNAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{2,31}");
        private static final Pattern CHAT_ID = Pattern.compile("-?\\d{1,19}");
        private static final Pattern HOSTS = Pattern.compile("(?:www\\.)?(?:t\\.me|telegram\\.me|telegram\\.dog)", Pattern.CASE_INSENSITIVE);
        private static final Pattern INVITE_HASH = Pattern.compile("[A-Za-z0-9_-]{6,}");

        private Parser() {
        }

        static Optional<SourceRef> parse(String raw) {
            String text = raw.trim();
            if (text.isEmpty()) {
                return Optional.empty();
            }
            if (text.startsWith("@")) {
                String name = text.substring(1);
                return USERNAME.matcher(name).matches() ? Optional.of(new Username(raw, name)) : Optional.empty();
            }
            if (CHAT_ID.matcher(text).matches()) {
                try {
                    return Optional.of(new ChatId(raw, Long.parseLong(text)));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
            if (USERNAME.matcher(text).matches()) {
                return Optional.of(new Username(raw, text));
            }
            if (text.regionMatches(true, 0, "tg://", 0, 5)) {
                return parseTg(raw, text);
            }
            String url = text.contains("://") ? text : "https://" + text;
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
            if (uri.getHost() == null || !HOSTS.matcher(uri.getHost()).matches()) {
                return Optional.empty();
            }
            String[] parts = trimSlashes(uri.getPath()).split("/");
            if (parts.length == 0 || parts[0].isEmpty()) {
                return Optional.empty();
            }
            String first = parts[0];
            if (first.startsWith("+") && INVITE_HASH.matcher(first.substring(1)).matches() && parts.length == 1) {
                return Optional.of(new InviteLink(raw, "https://t.me/" + first));
            }
            if (first.equalsIgnoreCase("joinchat") && parts.length == 2 && INVITE_HASH.matcher(parts[1]).matches()) {
                return Optional.of(new InviteLink(raw, "https://t.me/joinchat/" + parts[1]));
            }
            if (first.equals("c") && parts.length >= 2) {
                Optional<Long> channel = number(parts[1]);
                if (channel.isEmpty()) {
                    return Optional.empty();
                }
                if (parts.length == 2) {
                    return Optional.of(new ChatId(raw, -1_000_000_000_000L - channel.get()));
                }
                // t.me/c/CHANNEL/ID or t.me/c/CHANNEL/N/ID (N a topic or a reply thread): the message is the last number
                OptionalLong topic = parts.length == 4 ? topicOf(parts[2]) : OptionalLong.empty();
                if (parts.length > 4 || parts.length == 4 && topic.isEmpty()) {
                    return Optional.empty();
                }
                return number(parts[parts.length - 1]).map(id -> new PrivatePost(raw, channel.get(), id, topic));
            }
            int offset = first.equals("s") ? 1 : 0; // t.me/s/name is the web preview of a channel
            if (parts.length <= offset || !USERNAME.matcher(parts[offset]).matches()) {
                return Optional.empty();
            }
            String name = parts[offset];
            if (parts.length == offset + 1) {
                return Optional.of(new Username(raw, name));
            }
            // t.me/name/ID or t.me/name/N/ID (N a topic or a reply thread): the message is the last number
            OptionalLong topic = parts.length == offset + 3 ? topicOf(parts[offset + 1]) : OptionalLong.empty();
            if (parts.length > offset + 3 || parts.length == offset + 3 && topic.isEmpty()) {
                return Optional.empty();
            }
            return number(parts[parts.length - 1]).map(id -> new PublicPost(raw, name, id, topic));
        }

        private static OptionalLong topicOf(String s) {
            Optional<Long> id = number(s);
            return id.isPresent() && id.get() <= Integer.MAX_VALUE ? OptionalLong.of(id.get()) : OptionalLong.empty();
        }

        private static Optional<SourceRef> parseTg(String raw, String text) {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            String domain = param(query, "domain");
            String post = param(query, "post");
            switch (host) {
                case "resolve" -> {
                    if (domain == null || !USERNAME.matcher(domain).matches()) {
                        return Optional.empty();
                    }
                    return post == null ? Optional.of(new Username(raw, domain))
                            : number(post).map(id -> new PublicPost(raw, domain, id));
                }
                case "privatepost" -> {
                    Optional<Long> channel = number(param(query, "channel"));
                    Optional<Long> id = number(post);
                    return channel.isPresent() && id.isPresent()
                            ? Optional.of(new PrivatePost(raw, channel.get(), id.get())) : Optional.empty();
                }
                case "join" -> {
                    String invite = param(query, "invite");
                    return invite != null && INVITE_HASH.matcher(invite).matches()
                            ? Optional.of(new InviteLink(raw, "https://t.me/+" + invite)) : Optional.empty();
                }
                default -> {
                    return Optional.empty();
                }
            }
        }

        private static String param(String query, String name) {
            Matcher m = Pattern.compile("(?:^|&)" + name + "=([^&]*)").matcher(query);
            return m.find() ? m.group(1) : null;
        }

        private static Optional<Long> number(String s) {
            if (s == null || !s.matches("\\d{1,18}")) {
                return Optional.empty();
            }
            long value = Long.parseLong(s);
            return value > 0 ? Optional.of(value) : Optional.empty();
        }

        private static String trimSlashes(String path) {
            String p = path == null ? "" : path;
            while (p.startsWith("/")) {
                p = p.substring(1);
            }
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            return p;
        }
    }
}
