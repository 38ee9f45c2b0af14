package dev.tgdl.sim;

import java.time.Instant;
import java.util.Optional;

/**
 * One downloadable file of a simulated channel.
 *
 * @param serverMessageId the message's server id
 * @param chatId          the chat
 * @param type            photo, video, document, audio, voice, video_note, animation or sticker
 * @param uniqueId        the file's remote.unique_id (its content is {@link SimFiles#fill} of it)
 * @param fileName        the file name the message carries, if any
 * @param mimeType        the MIME type
 * @param size            the size in bytes
 * @param date            the message date
 * @param albumId         the album, 0 for none
 */
public record SimMedia(long serverMessageId, long chatId, String type, String uniqueId, Optional<String> fileName,
                       String mimeType, long size, Instant date, long albumId) {
}
