package dev.tgdl.telegram;

import java.time.Instant;
import java.util.Optional;

/**
 * One downloadable file of one message.
 *
 * @param chat      the chat of the message
 * @param messageId the server message id (the number in t.me links; TDLib's id is this << 20)
 * @param date      when the message was sent
 * @param albumId   the album (media group) id, 0 when the message is in none
 * @param type      the kind of media
 * @param fileName  the original file name Telegram carries, if any (hostile input)
 * @param mimeType  the MIME type Telegram carries ("" if none)
 * @param file      the file to download
 * @param thread    its forum topic, or the channel post it comments on ({@link MessageThread#NONE} for neither)
 */
public record MediaItem(Chat chat, long messageId, Instant date, long albumId, MediaType type,
                        Optional<String> fileName, String mimeType, RemoteFile file, MessageThread thread) {

    /** An item of no topic and no comment thread. */
    public MediaItem(Chat chat, long messageId, Instant date, long albumId, MediaType type, Optional<String> fileName,
                     String mimeType, RemoteFile file) {
        this(chat, messageId, date, albumId, type, fileName, mimeType, file, MessageThread.NONE);
    }

    /** This item in {@code thread}. */
    public MediaItem withThread(MessageThread thread) {
        return new MediaItem(chat, messageId, date, albumId, type, fileName, mimeType, file, thread);
    }

    /** "chat/messageId" for logs and messages. */
    public String describe() {
        return chat.displayName() + "/" + messageId + " (" + type.label() + ")";
    }
}
