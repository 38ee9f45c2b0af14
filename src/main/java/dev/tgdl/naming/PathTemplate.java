package dev.tgdl.naming;

import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A parsed {@code --template}: literal text and placeholders, with {@code /} between folders.
 * Placeholders: {@code {chat} {chat_id} {message_id} {date} {date:PATTERN} {type} {file_name}
 * {file_stem} {ext} {album_id} {unique_id}}. Every value is cleaned with {@link FileNames#clean}
 * before it is used, and every component again after, so no value can add a folder or leave the
 * output folder. Immutable and thread-safe.
 */
public final class PathTemplate {

    /** The default layout: one folder per chat; message ids keep names unique within it. */
    public static final String DEFAULT = "{chat}/{message_id}_{file_name}";

    /** The placeholders, for messages. */
    public static final List<String> PLACEHOLDERS = List.of("chat", "chat_id", "message_id", "date", "date:PATTERN",
            "type", "file_name", "file_stem", "ext", "album_id", "unique_id");

    private static final Set<String> NAMES = Set.of("chat", "chat_id", "message_id", "date", "type", "file_name",
            "file_stem", "ext", "album_id", "unique_id");
    private static final DateTimeFormatter DEFAULT_DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    /** A piece of a component: literal text, or a placeholder (with its date format, if any). */
    private record Part(String literal, String placeholder, DateTimeFormatter format) {
    }

    private final String source;
    private final List<List<Part>> components;

    private PathTemplate(String source, List<List<Part>> components) {
        this.source = source;
        this.components = components;
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException with one line naming the problem and the placeholders
     */
    public static PathTemplate parse(String template) {
        if (template == null || template.isBlank()) {
            throw bad(template, "it is empty");
        }
        if (template.indexOf('\\') >= 0) {
            throw bad(template, "use / between folders, not \\");
        }
        if (template.startsWith("/") || template.startsWith("~") || template.matches("^[A-Za-z]:.*")) {
            throw bad(template, "it must be relative to the output folder (use -o for the folder itself)");
        }
        if (template.endsWith("/")) {
            throw bad(template, "it must end with a file name, not /");
        }
        List<List<Part>> components = new ArrayList<>();
        for (String component : template.split("/", -1)) {
            if (component.isEmpty()) {
                throw bad(template, "it has an empty folder name (//)");
            }
            if (component.equals(".") || component.equals("..")) {
                throw bad(template, "'" + component + "' is not allowed as a folder name");
            }
            components.add(parseComponent(template, component));
        }
        return new PathTemplate(template, List.copyOf(components));
    }

    private static List<Part> parseComponent(String template, String component) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < component.length()) {
            int open = component.indexOf('{', i);
            int close = component.indexOf('}', i);
            if (close >= 0 && (open < 0 || close < open)) {
                throw bad(template, "'}' without a matching '{'");
            }
            if (open < 0) {
                parts.add(new Part(component.substring(i), null, null));
                break;
            }
            if (open > i) {
                parts.add(new Part(component.substring(i, open), null, null));
            }
            int end = component.indexOf('}', open);
            if (end < 0) {
                throw bad(template, "'{' without a matching '}'");
            }
            String inside = component.substring(open + 1, end);
            if (inside.indexOf('{') >= 0) {
                throw bad(template, "placeholders cannot be nested");
            }
            parts.add(placeholder(template, inside));
            i = end + 1;
        }
        return List.copyOf(parts);
    }

    private static Part placeholder(String template, String inside) {
        int colon = inside.indexOf(':');
        String name = (colon < 0 ? inside : inside.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(name)) {
            throw bad(template, "unknown placeholder {" + inside + "}");
        }
        if (colon < 0) {
            return new Part(null, name, name.equals("date") ? DEFAULT_DATE : null);
        }
        if (!name.equals("date")) {
            throw bad(template, "only {date} takes a pattern, not {" + inside + "}");
        }
        String pattern = inside.substring(colon + 1);
        try {
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("empty pattern");
            }
            return new Part(null, name, DateTimeFormatter.ofPattern(pattern, Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(template, "bad date pattern '" + pattern + "' (" + e.getMessage() + "; e.g. {date:yyyy-MM})");
        }
    }

    private static IllegalArgumentException bad(String template, String why) {
        return new IllegalArgumentException("bad template '" + template + "': " + why + "; placeholders: {"
                + String.join("} {", PLACEHOLDERS) + "}");
    }

    /** The template as given. */
    public String source() {
        return source;
    }

    /**
     * Whether distinct files always get distinct paths: the template names the message in its chat
     * ({@code {message_id}} with {@code {chat}} or {@code {chat_id}}) or the file ({@code {unique_id}}).
     */
    public boolean identifiesFile() {
        boolean message = uses("message_id");
        return uses("unique_id") || message && (uses("chat") || uses("chat_id"));
    }

    private boolean uses(String name) {
        return components.stream().flatMap(List::stream).anyMatch(p -> name.equals(p.placeholder()));
    }

    /** The relative path for one file: never absolute, never with {@code ..}, never empty. */
    public Path render(TemplateValues values) {
        List<String> names = new ArrayList<>(components.size());
        for (int c = 0; c < components.size(); c++) {
            boolean last = c == components.size() - 1;
            StringBuilder raw = new StringBuilder();
            for (Part part : components.get(c)) {
                raw.append(part.literal() != null ? part.literal() : value(part, values));
            }
            String fallback = last ? values.effectiveFileName() : "_";
            names.add(FileNames.clean(raw.toString(), fallback));
        }
        return Path.of(names.getFirst(), names.subList(1, names.size()).toArray(String[]::new));
    }

    private static String value(Part part, TemplateValues v) {
        String raw = switch (part.placeholder()) {
            case "chat" -> v.chat();
            case "chat_id" -> Long.toString(v.chatId());
            case "message_id" -> Long.toString(v.messageId());
            case "date" -> part.format().format(v.date().atZone(v.zone()));
            case "type" -> v.type();
            case "file_name" -> v.effectiveFileName();
            case "file_stem" -> FileNames.stem(v.effectiveFileName());
            case "ext" -> v.extension();
            case "album_id" -> Long.toString(v.albumId() != 0 ? v.albumId() : v.messageId());
            case "unique_id" -> v.uniqueId();
            default -> throw new IllegalStateException("placeholder " + part.placeholder());
        };
        return FileNames.clean(raw, "_");
    }

    @Override
    public String toString() {
        return source;
    }
}
