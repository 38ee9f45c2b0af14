package dev.tgdl.naming;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * What one downloaded file contributes to a {@link PathTemplate}. Values are raw, as Telegram sent
 * them; the template cleans each one when it renders.
 *
 * @param chat      the chat's username, or its title when it has none; may be hostile or empty
 *                  ({@code {chat}} then falls back to the chat id)
 * @param chatId    the TDLib chat id, e.g. {@code -1001234567890}
 * @param messageId the server message id (the one in {@code t.me} links), positive
 * @param date      when the message was sent
 * @param zone      the zone {@code {date}} is written in
 * @param type      the media type: photo, video, animation, video_note, voice, audio, sticker, document
 * @param fileName  the file's original name, when it has one; may be hostile
 * @param mimeType  the MIME type TDLib reported, {@code ""} when unknown
 * @param albumId   the media album id, {@code 0} when the message is in no album
 * @param uniqueId  TDLib's remote unique file id, the same for the same file everywhere; {@code ""} when
 *                  unknown ({@code {unique_id}} then falls back to {@code <chat_id>_<message_id>})
 * @param topicId   the forum topic of the message, {@code 0} when it is in none
 * @param topic     that topic's name; may be hostile or empty ({@code {topic}} then falls back to
 *                  {@code topic_<id>}, and to {@code no_topic} for a message in no topic)
 */
public record TemplateValues(String chat, long chatId, long messageId, Instant date, ZoneId zone, String type,
                             Optional<String> fileName, String mimeType, long albumId, String uniqueId, long topicId,
                             String topic) {

    /** The values of a message in no forum topic. */
    public TemplateValues(String chat, long chatId, long messageId, Instant date, ZoneId zone, String type,
                          Optional<String> fileName, String mimeType, long albumId, String uniqueId) {
        this(chat, chatId, messageId, date, zone, type, fileName, mimeType, albumId, uniqueId, 0, "");
    }

    /**
     * Checks the values; cleaning is left to {@link PathTemplate#render}.
     *
     * @throws NullPointerException     when any reference is null
     * @throws IllegalArgumentException when {@code messageId} is not positive
     */
    public TemplateValues {
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(topic, "topic");
        if (messageId <= 0) {
            throw new IllegalArgumentException(String.format("messageId must be positive, was %d", messageId));
        }
    }
}
