package dev.tgdl.telegram;

import java.util.Optional;

/**
 * A source resolved to a chat.
 *
 * @param ref         what the user typed
 * @param chat        the chat
 * @param onlyMessage for message links: the server id of that message (its album comes along)
 */
public record ResolvedSource(SourceRef ref, Chat chat, Optional<Long> onlyMessage) {
}
