package dev.tgdl.naming;

import static dev.tgdl.naming.NameAssertions.assertSafeComponent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of random hostile names and templates, from a fixed seed so a failure repeats. Each
 * failure message shows the input with invisible characters escaped.
 */
class HostileInputPropertyTest {

    private static final long SEED = 0x7467646cL;
    private static final int NAMES = 5_000;
    /** Value sets for the render test; each is rendered with every template, so fewer keep the build light. */
    private static final int VALUE_SETS = 2_000;
    private static final int TEMPLATES = 3_000;

    /** Pieces hostile names are built from: escapes, invisible and control characters, long runs, device names. */
    private static final List<String> NAME_PIECES = List.of(
            "..", ".", "/", "\\", "C:", "c:\\", "~", " ", "  ", "\t", "\n", "\r\n",
            "\u0000", "\u0001", "\u001F", "\u007F", "\u0085", "\u009F",
            "\u061C", "\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D",
            "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\uFEFF", "\u2028", "\u2029", "\u00AD", "\uDB40\uDC41",
            "\uD800", "\uDFFF", "\uDC00\uD800", "\uD83D\uDE00", "\uD83C\uDDE9\uD83C\uDDEA", "\u0301", "e\u0301",
            "\u0436", "\u4e2d", "\u3042", "\u00e9", "\u00A0", "\u3000", "\uFFFE", "\uFFFF",
            "CON", "con", "nul", "COM1", "lpt9", "aux.", "prn .txt", "conin$", "COM\u00b9",
            ":", "*", "?", "\"", "<", ">", "|", "{", "}", "%", "$",
            "..\\..\\", "../", "/etc/passwd", "\\\\server\\share", ".jpg", ".exe", ".tar.gz", ". ", " .",
            "a", "Z", "0", "x".repeat(120), "\u0436".repeat(90), "\u4e2d".repeat(70), "\uD83D\uDE00".repeat(50),
            "\u0301".repeat(200), ".".repeat(130), " ".repeat(130));

    private static final List<String> TYPES = List.of(
            "photo", "video", "animation", "video_note", "voice", "audio", "sticker", "document");

    private static final List<String> MIME_TYPES = List.of(
            "", "image/jpeg", "audio/ogg", "video/mp4", "application/x-tgsticker", "video/webm",
            "application/octet-stream", "audio/ogg; codecs=opus");

    private static final List<String> TEMPLATE_SOURCES = List.of(
            PathTemplate.DEFAULT,
            "{chat}/{chat_id}/{message_id}/{date}/{date:yyyy-MM}/{type}/{file_name}/{file_stem}/{ext}/{album_id}/{unique_id}",
            "{chat}/{date:yyyy}/{date:MM}/{file_stem}~{unique_id}.{ext}",
            "{file_name}{file_name}{chat}{file_stem}",
            "Telegram/{type}/{album_id}_{file_name}",
            "{chat} - {date:EEEE d MMMM HH:mm}/{message_id}.{ext}");

    private static final List<ZoneId> ZONES = List.of(
            ZoneOffset.UTC, ZoneId.of("Europe/Berlin"), ZoneId.of("Pacific/Kiritimati"), ZoneId.of("America/St_Johns"));

    /** Pieces random templates are built from, valid and not. */
    private static final List<String> TEMPLATE_PIECES = List.of(
            "{chat}", "{chat_id}", "{message_id}", "{date}", "{date:yyyy}", "{date:HH:mm}", "{type}", "{file_name}",
            "{file_stem}", "{ext}", "{album_id}", "{unique_id}", "{", "}", "{date:", "{nope}", "{chat:x}", "/", "/",
            "..", ".", "a", "b", "_", "-", " ", ":", "\\", "C:", "\n", "\u202E", "~", "con", "{date:''}", "{date:[]}");

    @TempDir
    Path root;

    private final Random random = new Random(SEED);

    @Test
    void cleanAlwaysGivesASafeStableName() {
        for (int n = 0; n < NAMES; n++) {
            String raw = hostileString();
            String shown = FileNames.quote(raw);
            String cleaned = FileNames.clean(raw, "fallback");
            try {
                assertSafeComponent(cleaned);
                assertThat(FileNames.clean(cleaned, "other")).as("cleaning twice").isEqualTo(cleaned);
                assertThat(FileNames.extension(raw)).matches("[a-z0-9]{0,16}");
                assertSafeComponent(FileNames.withSuffix(cleaned, "~AQADcq4x"));
            } catch (AssertionError e) {
                fail("input #" + n + " " + shown + " cleaned to " + FileNames.quote(cleaned), e);
            }
        }
    }

    @Test
    void renderNeverEscapesTheOutputFolder() {
        List<PathTemplate> templates = TEMPLATE_SOURCES.stream().map(PathTemplate::parse).toList();
        for (int n = 0; n < VALUE_SETS; n++) {
            TemplateValues values = hostileValues();
            for (PathTemplate template : templates) {
                try {
                    assertRendersSafely(template, values);
                } catch (AssertionError | RuntimeException e) {
                    fail("input #" + n + " " + show(values) + " with template " + template, e);
                }
            }
        }
    }

    @Test
    void randomTemplatesAreRejectedCleanlyOrRenderSafely() {
        int accepted = 0;
        for (int n = 0; n < TEMPLATES; n++) {
            StringBuilder source = new StringBuilder();
            for (int pieces = 1 + random.nextInt(8); pieces > 0; pieces--) {
                source.append(TEMPLATE_PIECES.get(random.nextInt(TEMPLATE_PIECES.size())));
            }
            PathTemplate template;
            try {
                template = PathTemplate.parse(source.toString());
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).as("message for %s", FileNames.quote(source.toString()))
                        .startsWith("bad template ").contains("; placeholders: {chat} ").doesNotContain("\n", "\r");
                continue;
            }
            accepted++;
            TemplateValues values = hostileValues();
            try {
                assertRendersSafely(template, values);
            } catch (AssertionError | RuntimeException e) {
                fail("template " + FileNames.quote(source.toString()) + " with " + show(values), e);
            }
        }
        // the generator must exercise rendering, not only rejection
        assertThat(accepted).isGreaterThan(TEMPLATES / 10);
    }

    private void assertRendersSafely(PathTemplate template, TemplateValues values) {
        Path relative = template.render(values);
        assertThat(relative.isAbsolute()).as("absolute").isFalse();
        assertThat(relative.getRoot()).as("root").isNull();
        assertThat(relative.getNameCount()).as("component count")
                .isEqualTo(template.source().split("/", -1).length);
        relative.forEach(component -> assertSafeComponent(component.toString()));
        assertThat(template.render(values)).as("rendering twice").isEqualTo(relative);

        Path resolved = OutputPaths.resolveInside(root, relative);
        assertThat(resolved).startsWithRaw(root).isNotEqualTo(root);

        Path disambiguated = OutputPaths.disambiguate(resolved, "x" + values.uniqueId());
        assertThat(disambiguated.getParent()).isEqualTo(resolved.getParent());
        assertThat(disambiguated).isNotEqualTo(resolved)
                .isEqualTo(OutputPaths.disambiguate(resolved, "x" + values.uniqueId()));
        assertSafeComponent(disambiguated.getFileName().toString());
    }

    private TemplateValues hostileValues() {
        Optional<String> fileName = random.nextInt(5) == 0 ? Optional.empty() : Optional.of(hostileString());
        String type = random.nextInt(4) == 0 ? hostileString() : TYPES.get(random.nextInt(TYPES.size()));
        String mime = random.nextInt(4) == 0 ? hostileString() : MIME_TYPES.get(random.nextInt(MIME_TYPES.size()));
        // Telegram dates are 32-bit Unix seconds
        Instant date = Instant.ofEpochSecond(random.nextInt() & 0x7fffffff);
        return new TemplateValues(hostileString(), random.nextLong(), 1 + (random.nextLong() >>> 1) % Long.MAX_VALUE,
                date, ZONES.get(random.nextInt(ZONES.size())), type, fileName, mime,
                random.nextBoolean() ? 0 : random.nextLong(), hostileString());
    }

    /** A mix of hostile pieces and, now and then, any code unit at all (lone surrogates included). */
    private String hostileString() {
        StringBuilder s = new StringBuilder();
        for (int pieces = random.nextInt(12); pieces > 0; pieces--) {
            if (random.nextInt(6) == 0) {
                s.append((char) random.nextInt(Character.MAX_VALUE + 1));
            } else if (random.nextInt(10) == 0) {
                s.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
            } else {
                s.append(NAME_PIECES.get(random.nextInt(NAME_PIECES.size())));
            }
        }
        return s.toString();
    }

    private static String show(TemplateValues values) {
        return String.format("chat=%s chatId=%d messageId=%d type=%s fileName=%s mime=%s albumId=%d uniqueId=%s",
                FileNames.quote(values.chat()), values.chatId(), values.messageId(), FileNames.quote(values.type()),
                values.fileName().map(FileNames::quote).orElse("none"), FileNames.quote(values.mimeType()),
                values.albumId(), FileNames.quote(values.uniqueId()));
    }
}
