package dev.tgdl.telegram;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a message says besides its file: the fields of a {@code --export} line.
 *
 * @param chatId           the chat of the message
 * @param messageId        the server message id (as in t.me links)
 * @param date             when the message was sent
 * @param text             the message's text, or its media's caption ("" when none)
 * @param entities         the text's entities, in TDLib's order
 * @param sender           who sent it, if TDLib says
 * @param views            {@code interaction_info.view_count} (0 when TDLib sends no interaction info)
 * @param forwards         {@code interaction_info.forward_count}
 * @param replyToMessageId the server id of the message this one replies to (in the same or another chat)
 * @param albumId          the album (media group) id, 0 when in none
 * @param mediaType        the kind of media TDLib carries a file of for it, if any
 */
public record MessageInfo(long chatId, long messageId, Instant date, String text, List<TextEntity> entities,
                          Optional<Sender> sender, int views, int forwards, OptionalLong replyToMessageId, long albumId,
                          Optional<MediaType> mediaType) {

    public MessageInfo {
        entities = List.copyOf(entities);
    }

    /**
     * A formatting entity of a text.
     *
     * @param type   TDLib's class without {@code textEntityType}, in snake_case: {@code bold}, {@code text_url} ...
     * @param offset start in UTF-16 code units
     * @param length length in UTF-16 code units
     * @param url    the target of a {@code text_url}
     */
    public record TextEntity(String type, int offset, int length, Optional<String> url) {
    }

    /**
     * Who sent a message: a user ({@code messageSenderUser}) or a chat ({@code messageSenderChat},
     * e.g. a channel's own posts).
     *
     * @param user true for a user id, false for a chat id
     * @param id   the user or chat id
     */
    public record Sender(boolean user, long id) {
    }
}
