package dev.tgdl.naming;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The placeholders a {@link PathTemplate} understands. */
enum Placeholder {
    CHAT("chat", true),
    CHAT_ID("chat_id", false),
    MESSAGE_ID("message_id", false),
    DATE("date", false),
    TYPE("type", false),
    FILE_NAME("file_name", true),
    FILE_STEM("file_stem", true),
    EXT("ext", false),
    ALBUM_ID("album_id", false),
    UNIQUE_ID("unique_id", false),
    TOPIC("topic", true);

    /** Every placeholder as a user writes it, for error messages. */
    static final String ALL = Arrays.stream(values())
            .map(p -> p == DATE ? "{date} {date:PATTERN}" : "{" + p.token + "}")
            .collect(Collectors.joining(" "));

    /** The name between the braces. */
    final String token;

    /**
     * Whether the value is free text of any length (a title, a file name). When a component would be
     * too long, only these are shortened, so the ids beside them always survive.
     */
    final boolean freeText;

    Placeholder(String token, boolean freeText) {
        this.token = token;
        this.freeText = freeText;
    }

    static Optional<Placeholder> byToken(String token) {
        return Arrays.stream(values()).filter(p -> p.token.equals(token)).findFirst();
    }
}
