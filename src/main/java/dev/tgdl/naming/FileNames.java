package dev.tgdl.naming;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Cleans file names that come from Telegram (or a chat title) into one safe path component.
 *
 * <p>Rules: NFC-normalised; no separators ({@code /}, {@code \}), NUL, C0/C1 controls or DEL;
 * no bidirectional controls (which can make {@code evil\u202Egpj.exe} look like a .jpg) or
 * zero-width characters; characters Windows and macOS shares refuse ({@code : * ? " < > |}) become
 * {@code _}; no leading or trailing spaces, no trailing dots; never empty, {@code .} or {@code ..};
 * Windows device names ({@code CON}, {@code NUL}, {@code COM1} ..., with any extension) get a
 * {@code _} suffix; at most 255 UTF-8 bytes, cut on a character boundary, keeping a short extension.
 */
public final class FileNames {

    /** The longest name ext4, btrfs, XFS and APFS accept, in UTF-8 bytes. */
    public static final int MAX_COMPONENT_BYTES = 255;
    /** An extension longer than this is not kept when a name is cut. */
    static final int MAX_EXTENSION_CHARS = 16;

    private static final Pattern RESERVED = Pattern.compile("(?i)(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(\\..*)?");
    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9]{1," + MAX_EXTENSION_CHARS + "}");

    private static final Map<String, String> MIME_EXTENSIONS = Map.ofEntries(
            Map.entry("image/jpeg", "jpg"), Map.entry("image/png", "png"), Map.entry("image/gif", "gif"),
            Map.entry("image/webp", "webp"), Map.entry("image/heic", "heic"),
            Map.entry("video/mp4", "mp4"), Map.entry("video/quicktime", "mov"), Map.entry("video/webm", "webm"),
            Map.entry("video/x-matroska", "mkv"), Map.entry("audio/mpeg", "mp3"), Map.entry("audio/mp4", "m4a"),
            Map.entry("audio/ogg", "ogg"), Map.entry("audio/x-flac", "flac"), Map.entry("audio/flac", "flac"),
            Map.entry("application/pdf", "pdf"), Map.entry("application/zip", "zip"),
            Map.entry("application/x-tgsticker", "tgs"), Map.entry("text/plain", "txt"));

    private FileNames() {
    }

    /**
     * Cleans one path component.
     *
     * @param raw      the name as received (may be anything)
     * @param fallback used when nothing usable is left; must itself be clean
     */
    public static String clean(String raw, String fallback) {
        String s = raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isDropped(cp)) {
                continue;
            }
            if (isReplaced(cp)) {
                out.append('_');
            } else {
                out.appendCodePoint(cp);
            }
        }
        String name = trim(out.toString());
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            name = fallback;
        }
        if (RESERVED.matcher(name).matches()) {
            // "CON.txt" -> "CON_.txt": Windows maps the device name whatever the extension
            int dot = name.indexOf('.');
            name = dot < 0 ? name + "_" : name.substring(0, dot) + "_" + name.substring(dot);
        }
        return truncate(name, MAX_COMPONENT_BYTES);
    }

    /**
     * Characters removed outright: controls, bidi controls, zero-width characters, the BOM, unpaired
     * surrogates (not encodable as UTF-8) and the invisible tag characters (U+E0000..U+E007F).
     */
    private static boolean isDropped(int cp) {
        return cp < 0x20 || cp == 0x7F || cp >= 0x80 && cp <= 0x9F
                || cp == 0x061C || cp == 0x200E || cp == 0x200F || cp >= 0x202A && cp <= 0x202E
                || cp >= 0x2066 && cp <= 0x2069 || cp >= 0x200B && cp <= 0x200D || cp == 0xFEFF
                || Character.getType(cp) == Character.SURROGATE || cp >= 0xE0000 && cp <= 0xE007F;
    }

    /** Characters that are separators or that portable file systems refuse. */
    private static boolean isReplaced(int cp) {
        return switch (cp) {
            case '/', '\\', ':', '*', '?', '"', '<', '>', '|' -> true;
            default -> false;
        };
    }

    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && Character.isWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && (Character.isWhitespace(s.charAt(end - 1)) || s.charAt(end - 1) == '.')) {
            end--;
        }
        return s.substring(start, end);
    }

    /**
     * The extension of a name, lower case, without the dot; "" when it has none or when what follows
     * the last dot is not a plausible extension (letters and digits, at most 16).
     */
    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return "";
        }
        String ext = name.substring(dot + 1);
        return EXTENSION.matcher(ext).matches() ? ext.toLowerCase(Locale.ROOT) : "";
    }

    /** The name without its extension (the whole name when it has none). */
    public static String stem(String name) {
        String ext = extension(name);
        return ext.isEmpty() ? name : name.substring(0, name.length() - ext.length() - 1);
    }

    /** Inserts {@code suffix} before the extension ("a.jpg" + "~2" = "a~2.jpg"), staying within the byte limit. */
    public static String withSuffix(String name, String suffix) {
        String ext = extension(name);
        String stem = stem(name);
        String tail = suffix + (ext.isEmpty() ? "" : "." + ext);
        int room = MAX_COMPONENT_BYTES - utf8Length(tail);
        return cutUtf8(stem, room) + tail;
    }

    /** The extension to give a file of {@code type} that has no name, from its MIME type when known. */
    public static String defaultExtension(String type, String mimeType) {
        String mime = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT);
        String byMime = MIME_EXTENSIONS.get(mime);
        if (byMime != null) {
            return byMime;
        }
        return switch (type) {
            case "photo" -> "jpg";
            case "video", "video_note", "animation" -> "mp4";
            case "voice" -> "ogg";
            case "audio" -> "mp3";
            case "sticker" -> "webp";
            default -> "bin";
        };
    }

    /** Cuts a name to {@code maxBytes} of UTF-8 on a character boundary, keeping a short extension. */
    static String truncate(String name, int maxBytes) {
        if (utf8Length(name) <= maxBytes) {
            return name;
        }
        String ext = extension(name);
        if (ext.isEmpty()) {
            return trim(cutUtf8(name, maxBytes));
        }
        String tail = "." + name.substring(name.length() - ext.length());
        String stem = trim(cutUtf8(name.substring(0, name.length() - tail.length()), maxBytes - utf8Length(tail)));
        return (stem.isEmpty() ? "file" : stem) + tail;
    }

    /** The longest prefix of {@code s} whose UTF-8 encoding fits {@code maxBytes}, never splitting a character. */
    static String cutUtf8(String s, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
