package dev.tgdl.naming;

import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Cleans one path component that came from Telegram (or a user's chat title).
 *
 * <p>Names from Telegram are hostile input: a sender chooses them freely. {@link #clean} turns any
 * string into one file or folder name that is safe and portable: it cannot leave its folder, it
 * cannot pretend to have another extension, it can be written on Linux, macOS and Windows shares,
 * and it fits the usual 255-byte limit for one name. All methods are pure functions: the same input
 * gives the same output on every machine, so a later run finds the files an earlier one wrote.
 */
public final class FileNames {

    /** ext4/btrfs/xfs/APFS limit for one name, in UTF-8 bytes. */
    public static final int MAX_COMPONENT_BYTES = 255;

    /** Longest extension {@link #extension} recognises and {@link #clean} keeps when it cuts a name. */
    static final int MAX_EXTENSION_CHARS = 16;

    /** What replaces a character that may not appear in a name. */
    static final char REPLACEMENT = '_';

    /** Characters Windows (and SMB shares, and macOS Finder for ':') refuse; '/' and '\\' are separators. */
    private static final String REPLACED = "/\\:*?\"<>|";

    /**
     * DOS device names: on Windows {@code CON}, {@code con.txt} and {@code con .tar.gz} all open the
     * device instead of a file. The superscript and 0 variants are reserved by current Windows too.
     */
    private static final Set<String> RESERVED = Set.of(
            "con", "prn", "aux", "nul", "conin$", "conout$",
            "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "com\u00b9", "com\u00b2", "com\u00b3",
            "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
            "lpt\u00b9", "lpt\u00b2", "lpt\u00b3");

    /** Extensions by MIME type (lower case, without parameters); only types Telegram media commonly carry. */
    private static final Map<String, String> EXTENSION_BY_MIME = Map.ofEntries(
            Map.entry("image/jpeg", "jpg"),
            Map.entry("image/jpg", "jpg"),
            Map.entry("image/pjpeg", "jpg"),
            Map.entry("image/png", "png"),
            Map.entry("image/gif", "gif"),
            Map.entry("image/webp", "webp"),
            Map.entry("image/heic", "heic"),
            Map.entry("image/heif", "heif"),
            Map.entry("image/avif", "avif"),
            Map.entry("image/bmp", "bmp"),
            Map.entry("image/tiff", "tiff"),
            Map.entry("image/svg+xml", "svg"),
            Map.entry("video/mp4", "mp4"),
            Map.entry("video/quicktime", "mov"),
            Map.entry("video/webm", "webm"),
            Map.entry("video/x-matroska", "mkv"),
            Map.entry("video/x-msvideo", "avi"),
            Map.entry("video/mpeg", "mpg"),
            Map.entry("video/3gpp", "3gp"),
            Map.entry("audio/ogg", "ogg"),
            Map.entry("audio/opus", "opus"),
            Map.entry("audio/mpeg", "mp3"),
            Map.entry("audio/mp3", "mp3"),
            Map.entry("audio/mp4", "m4a"),
            Map.entry("audio/m4a", "m4a"),
            Map.entry("audio/x-m4a", "m4a"),
            Map.entry("audio/aac", "aac"),
            Map.entry("audio/flac", "flac"),
            Map.entry("audio/x-flac", "flac"),
            Map.entry("audio/wav", "wav"),
            Map.entry("audio/x-wav", "wav"),
            Map.entry("application/x-tgsticker", "tgs"),
            Map.entry("application/pdf", "pdf"),
            Map.entry("application/zip", "zip"),
            Map.entry("application/x-zip-compressed", "zip"),
            Map.entry("application/vnd.rar", "rar"),
            Map.entry("application/x-rar-compressed", "rar"),
            Map.entry("application/x-7z-compressed", "7z"),
            Map.entry("application/gzip", "gz"),
            Map.entry("application/x-tar", "tar"),
            Map.entry("application/epub+zip", "epub"),
            Map.entry("application/vnd.android.package-archive", "apk"),
            Map.entry("application/json", "json"),
            Map.entry("application/msword", "doc"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
            Map.entry("application/vnd.ms-excel", "xls"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
            Map.entry("text/plain", "txt"),
            Map.entry("text/html", "html"),
            Map.entry("text/csv", "csv"));

    /** Extensions by media type when the MIME type says nothing useful. */
    private static final Map<String, String> EXTENSION_BY_TYPE = Map.of(
            "photo", "jpg",            // Telegram re-encodes every photo as JPEG
            "video", "mp4",
            "animation", "mp4",        // "GIFs" are sent as silent MP4
            "video_note", "mp4",
            "voice", "ogg",            // Opus in Ogg
            "voice_note", "ogg",
            "audio", "mp3",
            "sticker", "webp");

    /** The extension of files whose type and MIME type are both unknown. */
    static final String UNKNOWN_EXTENSION = "bin";

    private FileNames() {
    }

    /**
     * Cleans one name. The result is never empty, {@code "."} or {@code ".."}; it has no {@code '/'},
     * {@code '\\'}, NUL, C0/C1 control, DEL, bidi control, zero-width character or BOM (every Unicode
     * format character is dropped); tabs and line breaks become spaces; {@code : * ? " < > |} become
     * {@code '_'}; leading and trailing spaces and trailing dots are removed; Windows device names
     * ({@code CON}, {@code com1.txt}, ...) get a {@code '_'} prefix; the text is NFC-normalised; and it
     * is cut to {@link #MAX_COMPONENT_BYTES} UTF-8 bytes between two characters (between grapheme
     * clusters where possible), keeping the extension when it is short. Case is kept.
     *
     * @param raw      the name to clean; {@code null} counts as empty
     * @param fallback what to use (cleaned the same way) when {@code raw} cleans to nothing
     * @return a clean name
     * @throws IllegalArgumentException when both {@code raw} and {@code fallback} clean to nothing
     */
    public static String clean(String raw, String fallback) {
        Objects.requireNonNull(fallback, "fallback");
        String cleaned = cleanOrEmpty(raw == null ? "" : raw, MAX_COMPONENT_BYTES);
        if (!cleaned.isEmpty()) {
            return cleaned;
        }
        String cleanedFallback = cleanOrEmpty(fallback, MAX_COMPONENT_BYTES);
        if (cleanedFallback.isEmpty()) {
            throw new IllegalArgumentException(String.format(
                    "fallback name %s cleans to nothing (raw name %s)", quote(fallback), quote(raw)));
        }
        return cleanedFallback;
    }

    /**
     * The extension of a name: the ASCII letters and digits after its last dot, lower-cased, without
     * the dot. {@code ""} when there is none: no dot, a dot only at the start ({@code .bashrc}), nothing
     * after the dot, anything but ASCII letters and digits after it ({@code "Chapter 1. Intro"}), or
     * more than {@value #MAX_EXTENSION_CHARS} characters.
     *
     * @param name a file name (clean or not)
     * @return the extension, or {@code ""}
     */
    public static String extension(String name) {
        return rawExtension(name).toLowerCase(Locale.ROOT);
    }

    /**
     * The name without its {@linkplain #extension extension} and the dot before it; the whole name when
     * it has none.
     *
     * @param name a file name (clean or not)
     * @return the stem
     */
    public static String stem(String name) {
        String extension = rawExtension(name);
        return extension.isEmpty() ? name : name.substring(0, name.length() - extension.length() - 1);
    }

    /**
     * Inserts a suffix before the extension: {@code ("a.jpg", "~2")} gives {@code "a~2.jpg"}. The stem
     * is cut first when the result would exceed {@link #MAX_COMPONENT_BYTES}, so the suffix and the
     * extension (in its original case) always survive. Deterministic.
     *
     * @param name   a file name; cleaned first
     * @param suffix what to insert: non-empty, at most 64 UTF-8 bytes, only characters {@link #clean} keeps
     * @return the clean name with the suffix
     * @throws IllegalArgumentException when the suffix is unusable or the name cleans to nothing
     */
    public static String withSuffix(String name, String suffix) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(suffix, "suffix");
        if (suffix.isEmpty() || utf8Length(suffix) > 64) {
            throw new IllegalArgumentException(String.format(
                    "suffix %s must be 1 to 64 UTF-8 bytes long", quote(suffix)));
        }
        if (!mapCharacters(suffix).equals(suffix)) {
            throw new IllegalArgumentException(String.format(
                    "suffix %s holds characters not allowed in file names", quote(suffix)));
        }
        String cleaned = cleanOrEmpty(name, MAX_COMPONENT_BYTES);
        if (cleaned.isEmpty()) {
            throw new IllegalArgumentException(String.format("name %s cleans to nothing", quote(name)));
        }
        String extension = rawExtension(cleaned);
        String dotExtension = extension.isEmpty() ? "" : "." + extension;
        String stem = stem(cleaned);
        int stemBudget = MAX_COMPONENT_BYTES - utf8Length(suffix) - utf8Length(dotExtension);
        // cleaning again only tidies the joint (e.g. a suffix ending in a dot with no extension after it)
        return cleanOrEmpty(cutToBytes(stem, stemBudget) + suffix + dotExtension, MAX_COMPONENT_BYTES);
    }

    /**
     * The extension to give a file that has no name: from the MIME type when it is a known one,
     * otherwise from the media type ({@code photo → jpg}, {@code voice → ogg}, {@code video_note → mp4},
     * {@code sticker → webp}, ...), otherwise {@code bin}. Stickers come out as {@code webp}, {@code tgs}
     * or {@code webm} by MIME type.
     *
     * @param type     the media type: photo, video, animation, video_note, voice, audio, sticker, document, ...
     * @param mimeType the MIME type TDLib reported, {@code ""} when unknown; parameters are ignored
     * @return an extension of ASCII lower-case letters and digits, without the dot
     */
    public static String defaultExtension(String type, String mimeType) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mimeType, "mimeType");
        int parameters = mimeType.indexOf(';');
        String mime = (parameters < 0 ? mimeType : mimeType.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
        String byMime = EXTENSION_BY_MIME.get(mime);
        if (byMime != null) {
            return byMime;
        }
        return EXTENSION_BY_TYPE.getOrDefault(type.strip().toLowerCase(Locale.ROOT), UNKNOWN_EXTENSION);
    }

    /**
     * {@link #clean} without a fallback: {@code ""} when nothing is left.
     *
     * @param maxBytes the UTF-8 length to cut to
     */
    static String cleanOrEmpty(String raw, int maxBytes) {
        // NFC first so that decomposed input is judged like its composed form, and again after dropping
        // characters, because a dropped format character may have separated a letter from its accent
        String mapped = Normalizer.normalize(mapCharacters(Normalizer.normalize(raw, Normalizer.Form.NFC)),
                Normalizer.Form.NFC);
        // cutting can leave a trailing space or dot behind, so trim once more after it
        String name = trim(truncate(trim(mapped), maxBytes));
        if (isReserved(name)) {
            // the prefix makes the base start with '_', so no cut can bring a device name back
            name = trim(truncate(REPLACEMENT + name, maxBytes));
        }
        return name;
    }

    /** Drops or replaces, code point by code point, every character a name must not hold. */
    static String mapCharacters(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.SURROGATE) {
                // a lone surrogate cannot be written as UTF-8; encoders would silently turn it into '?'
                out.append(REPLACEMENT);
            } else if (cp == '\t' || cp == '\n' || cp == 0x0B || cp == '\f' || cp == '\r'
                    || cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
                // line breaks in a chat title separate words; keep them apart
                out.append(' ');
            } else if (Character.getType(cp) == Character.CONTROL || Character.getType(cp) == Character.FORMAT) {
                // C0, DEL, C1; and Cf, which holds every bidi control (U+061C, U+200E/F, U+202A–E,
                // U+2066–9), the zero-width characters U+200B–D, the BOM U+FEFF and other invisible
                // characters: they are dropped, not replaced, so "evil\u202Egpj.exe" reads as the .exe it is
                continue;
            } else if (cp < 0x80 && REPLACED.indexOf(cp) >= 0) {
                out.append(REPLACEMENT);
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /** Strips leading spaces, and trailing spaces and dots (Windows drops those silently). */
    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && (isSpace(s.charAt(end - 1)) || s.charAt(end - 1) == '.')) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Whether Windows would take the name for a device: the part before the first dot, trailing spaces ignored. */
    static boolean isReserved(String name) {
        int end = name.indexOf('.');
        end = end < 0 ? name.length() : end;
        while (end > 0 && name.charAt(end - 1) == ' ') {
            end--;
        }
        // the longest device name is 7 characters; most names are longer, so skip the lower-casing
        return end <= 7 && RESERVED.contains(name.substring(0, end).toLowerCase(Locale.ROOT));
    }

    /**
     * Cuts a name to {@code maxBytes} UTF-8 bytes, keeping its extension when the extension is short
     * enough to leave room for a few characters of stem.
     */
    static String truncate(String name, int maxBytes) {
        if (utf8Length(name) <= maxBytes) {
            return name;
        }
        String extension = rawExtension(name);
        if (!extension.isEmpty()) {
            int stemBudget = maxBytes - extension.length() - 1;
            String stem = cutToBytes(stem(name), stemBudget);
            if (!stem.isEmpty()) {
                return stem + "." + extension;
            }
        }
        return cutToBytes(name, maxBytes);
    }

    /**
     * The longest prefix of {@code s} of at most {@code maxBytes} UTF-8 bytes that ends between two
     * grapheme clusters (so a flag or an accented letter is not split), or, when not even one cluster
     * fits, between two code points (never inside a surrogate pair).
     */
    static String cutToBytes(String s, int maxBytes) {
        if (maxBytes <= 0) {
            return "";
        }
        if (utf8Length(s) <= maxBytes) {
            return s;
        }
        BreakIterator graphemes = BreakIterator.getCharacterInstance(Locale.ROOT);
        graphemes.setText(s);
        int bytes = 0;
        int lastFit = 0;
        for (int start = graphemes.first(), end = graphemes.next(); end != BreakIterator.DONE;
                start = end, end = graphemes.next()) {
            bytes += utf8Length(s.substring(start, end));
            if (bytes > maxBytes) {
                break;
            }
            lastFit = end;
        }
        if (lastFit > 0) {
            return s.substring(0, lastFit);
        }
        // one huge cluster (a letter under hundreds of combining marks): cut between code points
        bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            bytes += utf8Length(cp);
            if (bytes > maxBytes) {
                break;
            }
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    /** The extension in its original case, or {@code ""}. */
    private static String rawExtension(String name) {
        Objects.requireNonNull(name, "name");
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1 || name.length() - dot - 1 > MAX_EXTENSION_CHARS) {
            return "";
        }
        for (int i = dot + 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return "";
            }
        }
        return name.substring(dot + 1);
    }

    /** The UTF-8 length of a string without lone surrogates. */
    static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            bytes += utf8Length(cp);
            i += Character.charCount(cp);
        }
        return bytes;
    }

    private static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    /** A string for an error message: quoted, with control and invisible characters shown as {@code \\uXXXX}. */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('"').toString();
    }
}
