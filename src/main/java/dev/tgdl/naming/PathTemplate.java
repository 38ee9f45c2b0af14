package dev.tgdl.naming;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A parsed {@code --template}: where, below the output folder, a downloaded file goes. Immutable,
 * thread-safe.
 *
 * <p>Syntax: literal text, {@code '/'} between folders, and placeholders in braces:
 * {@code {chat}} (username or cleaned title, else the chat id), {@code {chat_id}},
 * {@code {message_id}} (server id), {@code {date}} ({@code yyyy-MM-dd}) and {@code {date:PATTERN}}
 * (a {@link DateTimeFormatter} pattern, English names), {@code {type}}, {@code {file_name}} (the
 * original name, else {@code <type>_<message_id>.<ext>}), {@code {file_stem}} (that name without its
 * extension), {@code {ext}}, {@code {album_id}} (the message id when the message is in no album) and
 * {@code {unique_id}}, {@code {topic}} (the forum topic's name, else {@code topic_<id>}; {@code no_topic}
 * for a message of a chat that is no forum). Rendering cleans every value with {@link FileNames#clean}, so a value never
 * adds a folder, and every component again after substitution. No placeholder renders empty: each
 * has a fallback, and a date pattern that renders nothing is rejected when parsing.
 */
public final class PathTemplate {

    /** The default template: one folder per chat; the message id keeps names apart. */
    public static final String DEFAULT = "{chat}/{message_id}_{file_name}";

    /** What {@code {topic}} renders for a message in no forum topic. */
    static final String NO_TOPIC = "no_topic";

    /** {@code {date}} without a pattern; {@code uuuu} so that no era is ever needed. */
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT);

    /** Formats a date pattern is tried on while parsing, to reject patterns that fail or render nothing. */
    private static final ZonedDateTime SAMPLE_DATE = ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 6_000_000, ZoneOffset.UTC);

    /** Characters Windows refuses in a name; in a template's literal text they are an error, not a surprise. */
    private static final String NOT_IN_LITERALS = ":*?\"<>|";

    private final String source;
    private final List<List<Part>> components;
    private final boolean identifiesFile;

    /** One piece of a component: literal text or a placeholder. */
    private sealed interface Part permits Literal, Field {
    }

    private record Literal(String text) implements Part {
    }

    /** A placeholder; {@code format} is only set for {@code {date}}. */
    private record Field(Placeholder placeholder, DateTimeFormatter format) implements Part {
    }

    private PathTemplate(String source, List<List<Part>> components) {
        this.source = source;
        this.components = components;
        Set<Placeholder> used = EnumSet.noneOf(Placeholder.class);
        components.forEach(parts -> parts.forEach(part -> {
            if (part instanceof Field field) {
                used.add(field.placeholder());
            }
        }));
        this.identifiesFile = used.contains(Placeholder.UNIQUE_ID)
                || used.contains(Placeholder.MESSAGE_ID)
                && (used.contains(Placeholder.CHAT) || used.contains(Placeholder.CHAT_ID));
    }

    /**
     * Parses a template.
     *
     * @param template the template as the user wrote it
     * @return the parsed template
     * @throws IllegalArgumentException with a one-line message naming the problem and listing the
     *                                  placeholders: empty template, control character, backslash,
     *                                  absolute path, unbalanced brace, unknown placeholder, argument on a
     *                                  placeholder other than date, bad date pattern, empty component,
     *                                  {@code .} or {@code ..} component, a character Windows refuses, a
     *                                  literal component that is not a portable name
     */
    public static PathTemplate parse(String template) {
        Objects.requireNonNull(template, "template");
        return new PathTemplate(template, new Parser(template).parse());
    }

    /**
     * Renders the path of one file.
     *
     * <p>When a component would exceed {@link FileNames#MAX_COMPONENT_BYTES}, only free-text values
     * ({@code {chat}}, {@code {file_name}}, {@code {file_stem}}) are shortened, the longest first and
     * {@code {file_name}} keeping its extension, so ids and literal text survive.
     *
     * @param values what the file contributes
     * @return a relative path: not empty, no root, no {@code .} or {@code ..} component, each component
     *         a {@linkplain FileNames#clean clean} name of at most 255 UTF-8 bytes
     */
    public Path render(TemplateValues values) {
        Objects.requireNonNull(values, "values");
        Rendering rendering = new Rendering(values);
        String[] names = components.stream().map(rendering::component).toArray(String[]::new);
        Path path = Path.of(names[0], Arrays.copyOfRange(names, 1, names.length));
        // cleaning makes these impossible; the check keeps a future change from silently breaking the promise
        if (path.isAbsolute() || path.getRoot() != null || path.getNameCount() != names.length
                || Arrays.stream(names).anyMatch(name -> name.isEmpty() || name.equals(".") || name.equals(".."))) {
            throw new IllegalStateException(String.format("template %s rendered an unsafe path %s",
                    FileNames.quote(source), FileNames.quote(path.toString())));
        }
        return path;
    }

    /**
     * Whether distinct files always render distinct paths: true when the template holds
     * {@code {unique_id}}, or {@code {message_id}} together with {@code {chat}} or {@code {chat_id}};
     * false for e.g. {@code {file_name}}. ({@code {chat}} is a title when a chat has no username, so two
     * sources with the same title can still meet; the download sink disambiguates what remains.)
     *
     * @return whether the template identifies a file
     */
    public boolean identifiesFile() {
        return identifiesFile;
    }

    /**
     * The template as the user wrote it, for messages and for storing with a run.
     *
     * @return the template's text
     */
    public String source() {
        return source;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PathTemplate that && source.equals(that.source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }

    /** Renders the components of one file; computes the file name once for the placeholders that share it. */
    private static final class Rendering {
        private final TemplateValues values;
        private final String fileName;

        Rendering(TemplateValues values) {
            this.values = values;
            String type = FileNames.clean(values.type(), "file");
            String generated = type + "_" + values.messageId() + "." + FileNames.defaultExtension(values.type(), values.mimeType());
            this.fileName = FileNames.clean(values.fileName().orElse(null), generated);
        }

        String component(List<Part> parts) {
            String[] texts = new String[parts.size()];
            List<Integer> free = new ArrayList<>();
            int fixedBytes = 0;
            for (int i = 0; i < texts.length; i++) {
                Part part = parts.get(i);
                if (part instanceof Field field && field.placeholder().freeText) {
                    texts[i] = value(field);
                    free.add(i);
                } else {
                    texts[i] = part instanceof Field field ? value(field) : ((Literal) part).text();
                    fixedBytes += FileNames.utf8Length(texts[i]);
                }
            }
            int[] lengths = free.stream().mapToInt(i -> FileNames.utf8Length(texts[i])).toArray();
            int[] caps = shares(lengths, FileNames.MAX_COMPONENT_BYTES - fixedBytes);
            for (int k = 0; k < caps.length; k++) {
                int i = free.get(k);
                if (caps[k] < lengths[k]) {
                    boolean isFileName = ((Field) parts.get(i)).placeholder() == Placeholder.FILE_NAME;
                    texts[i] = isFileName ? FileNames.truncate(texts[i], caps[k]) : FileNames.cutToBytes(texts[i], caps[k]);
                }
            }
            // cleaned again: literal text beside a value can make a trailing dot, a device name, ...
            return FileNames.clean(String.join("", texts), "_");
        }

        private String value(Field field) {
            return switch (field.placeholder()) {
                case CHAT -> FileNames.clean(values.chat(), Long.toString(values.chatId()));
                case CHAT_ID -> FileNames.clean(Long.toString(values.chatId()), "_");
                case MESSAGE_ID -> Long.toString(values.messageId());
                case DATE -> {
                    ZonedDateTime date = values.date().atZone(values.zone());
                    yield FileNames.clean(field.format().format(date), ISO_DATE.format(date));
                }
                case TYPE -> FileNames.clean(values.type(), "file");
                case FILE_NAME -> fileName;
                case FILE_STEM -> FileNames.clean(FileNames.stem(fileName), fileName);
                case EXT -> {
                    String extension = FileNames.extension(fileName);
                    yield extension.isEmpty() ? FileNames.defaultExtension(values.type(), values.mimeType()) : extension;
                }
                case ALBUM_ID -> Long.toString(values.albumId() != 0 ? values.albumId() : values.messageId());
                case UNIQUE_ID -> FileNames.clean(values.uniqueId(), values.chatId() + "_" + values.messageId());
                case TOPIC -> values.topicId() == 0 ? NO_TOPIC : FileNames.clean(values.topic(), "topic_" + values.topicId());
            };
        }
    }

    /**
     * Splits a byte budget among values: the shortest keep their whole length while they fit an equal
     * share, and what they leave is shared among the longer ones.
     */
    static int[] shares(int[] lengths, int budget) {
        int[] caps = new int[lengths.length];
        int remaining = Math.max(budget, 0);
        int left = lengths.length;
        for (int i : IntStream.range(0, lengths.length).boxed()
                .sorted(Comparator.comparingInt(k -> lengths[k])).mapToInt(Integer::intValue).toArray()) {
            caps[i] = Math.min(lengths[i], remaining / left);
            remaining -= caps[i];
            left--;
        }
        return caps;
    }

    /** One parse; fails with the template's text and the placeholder list in every message. */
    private static final class Parser {
        private final String template;
        private final List<List<Part>> components = new ArrayList<>();
        private List<Part> parts = new ArrayList<>();
        private final StringBuilder literal = new StringBuilder();

        Parser(String template) {
            this.template = template;
        }

        List<List<Part>> parse() {
            if (template.isBlank()) {
                throw fail("it is empty");
            }
            for (int i = 0; i < template.length(); ) {
                int cp = template.codePointAt(i);
                int type = Character.getType(cp);
                if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                        || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                    throw fail(String.format("control or invisible character U+%04X at position %d", cp, i + 1));
                }
                i += Character.charCount(cp);
            }
            int backslash = template.indexOf('\\');
            if (backslash >= 0) {
                throw fail(String.format("backslash at position %d; separate folders with '/'", backslash + 1));
            }
            if (template.startsWith("/")) {
                throw fail("absolute path; a template is relative to the output folder");
            }
            if (template.length() >= 2 && template.charAt(1) == ':' && isAsciiLetter(template.charAt(0))) {
                throw fail(String.format("absolute path (drive %s); a template is relative to the output folder",
                        template.substring(0, 2)));
            }
            int i = 0;
            while (i < template.length()) {
                char c = template.charAt(i);
                if (c == '/') {
                    endComponent();
                    i++;
                } else if (c == '{') {
                    int close = template.indexOf('}', i + 1);
                    int nextOpen = template.indexOf('{', i + 1);
                    if (close < 0 || nextOpen >= 0 && nextOpen < close) {
                        throw fail(String.format("unbalanced brace: '{' at position %d is not closed", i + 1));
                    }
                    endLiteral();
                    parts.add(field(template.substring(i + 1, close)));
                    i = close + 1;
                } else if (c == '}') {
                    throw fail(String.format("unbalanced brace: '}' at position %d has no '{'", i + 1));
                } else if (NOT_IN_LITERALS.indexOf(c) >= 0) {
                    throw fail(String.format("character '%c' at position %d is not allowed in file names", c, i + 1));
                } else {
                    literal.append(c);
                    i++;
                }
            }
            endComponent();
            return List.copyOf(components);
        }

        private Field field(String content) {
            int colon = content.indexOf(':');
            String name = colon < 0 ? content : content.substring(0, colon);
            Placeholder placeholder = Placeholder.byToken(name)
                    .orElseThrow(() -> fail("unknown placeholder {" + content + "}"));
            if (colon < 0) {
                return new Field(placeholder, placeholder == Placeholder.DATE ? ISO_DATE : null);
            }
            if (placeholder != Placeholder.DATE) {
                throw fail("placeholder {" + name + "} takes no argument, but has {" + content + "}");
            }
            return new Field(placeholder, datePattern(content.substring(colon + 1)));
        }

        private DateTimeFormatter datePattern(String pattern) {
            String shown = "bad date pattern {date:" + pattern + "}: ";
            if (pattern.isEmpty()) {
                throw fail(shown + "the pattern is empty");
            }
            if (pattern.indexOf('/') >= 0) {
                // the '/' inside braces would be cleaned to '_', never a folder: say so instead of surprising
                throw fail(shown + "'/' cannot make folders inside a placeholder; write {date:yyyy}/{date:MM}");
            }
            DateTimeFormatter format;
            String sample;
            try {
                // English, not the machine's locale: a re-run elsewhere must find the same folders
                format = DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH);
                sample = format.format(SAMPLE_DATE);
            } catch (IllegalArgumentException | DateTimeException e) {
                throw fail(shown + e.getMessage());
            }
            if (FileNames.cleanOrEmpty(sample, FileNames.MAX_COMPONENT_BYTES).isEmpty()) {
                throw fail(shown + "it renders nothing");
            }
            return format;
        }

        private void endLiteral() {
            if (!literal.isEmpty()) {
                parts.add(new Literal(literal.toString()));
                literal.setLength(0);
            }
        }

        private void endComponent() {
            endLiteral();
            if (parts.isEmpty()) {
                throw fail("empty component (a '//' or a '/' at the end)");
            }
            if (parts.stream().allMatch(Literal.class::isInstance)) {
                String text = ((Literal) parts.getFirst()).text();
                if (text.equals(".") || text.equals("..")) {
                    throw fail("component \"" + text + "\" is not allowed");
                }
                String cleaned = FileNames.cleanOrEmpty(text, FileNames.MAX_COMPONENT_BYTES);
                if (cleaned.isEmpty()) {
                    throw fail("component " + FileNames.quote(text) + " has no usable characters");
                }
                if (!cleaned.equals(text)) {
                    throw fail("component " + FileNames.quote(text) + " is not a portable name (it would be written as "
                            + FileNames.quote(cleaned) + ")");
                }
            }
            components.add(List.copyOf(parts));
            parts = new ArrayList<>();
        }

        private IllegalArgumentException fail(String problem) {
            return new IllegalArgumentException(String.format("bad template %s: %s; placeholders: %s",
                    FileNames.quote(template), problem, Placeholder.ALL));
        }

        private static boolean isAsciiLetter(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
        }
    }
}
