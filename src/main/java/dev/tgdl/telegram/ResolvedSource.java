package dev.tgdl.telegram;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A source resolved to a chat.
 *
 * @param ref         what the user typed
 * @param chat        the chat
 * @param onlyMessage for message links: the server id of that message (its album comes along)
 * @param topic       for topic links ({@code t.me/name/TOPIC}): the forum topic id; for a message link of a
 *                    topic ({@code t.me/name/TOPIC/ID}) the topic the message is in
 */
public record ResolvedSource(SourceRef ref, Chat chat, Optional<Long> onlyMessage, OptionalLong topic) {

    /** A source that names no topic. */
    public ResolvedSource(SourceRef ref, Chat chat, Optional<Long> onlyMessage) {
        this(ref, chat, onlyMessage, OptionalLong.empty());
    }
}
