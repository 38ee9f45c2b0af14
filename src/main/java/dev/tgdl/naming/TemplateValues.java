package dev.tgdl.naming;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What a template can refer to, for one file.
 *
 * @param chat      the chat's username, else its title
 * @param chatId    TDLib's chat id
 * @param messageId the server message id
 * @param date      the message date
 * @param zone      the zone dates are written in
 * @param type      the media type name (photo, video, ...)
 * @param fileName  the original file name, if Telegram carries one
 * @param mimeType  the MIME type ("" if unknown)
 * @param albumId   the album id, 0 when none
 * @param uniqueId  the file's unique id
 */
public record TemplateValues(String chat, long chatId, long messageId, Instant date, ZoneId zone, String type,
                             Optional<String> fileName, String mimeType, long albumId, String uniqueId) {

    /** The file's extension: from its name, else from its type and MIME type. */
    public String extension() {
        String fromName = fileName.map(FileNames::extension).orElse("");
        return fromName.isEmpty() ? FileNames.defaultExtension(type, mimeType) : fromName;
    }

    /** The original name when there is a usable one, else {@code <type>_<message_id>.<ext>}. */
    public String effectiveFileName() {
        String generated = type + "_" + messageId + "." + extension();
        String cleaned = FileNames.clean(fileName.orElse(""), generated);
        if (FileNames.extension(cleaned).isEmpty() && !extension().isEmpty()) {
            // a name without an extension (or with a bogus one) gets the one its type implies
            cleaned = FileNames.truncate(cleaned + "." + extension(), FileNames.MAX_COMPONENT_BYTES);
        }
        return cleaned;
    }
}
