package dev.tgdl.telegram;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The kinds of media tgdl downloads, by the names users type ({@code --types photo,video}). */
public enum MediaType {
    PHOTO("photo"),
    VIDEO("video"),
    DOCUMENT("document"),
    AUDIO("audio"),
    VOICE("voice"),
    VIDEO_NOTE("video_note"),
    ANIMATION("animation"),
    STICKER("sticker");

    private final String label;

    MediaType(String label) {
        this.label = label;
    }

    /** The user-facing name: {@code photo}, {@code video_note} ... */
    public String label() {
        return label;
    }

    /** The type named {@code label}, if any. */
    public static Optional<MediaType> byLabel(String label) {
        String l = label.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(t -> t.label.equals(l)).findFirst();
    }

    /** All labels, for messages. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(MediaType::label).toList();
    }
}
