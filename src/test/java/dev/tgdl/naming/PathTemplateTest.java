package dev.tgdl.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathTemplateTest {

    private static final Instant DATE = Instant.parse("2026-03-14T15:09:26Z");

    private static TemplateValues values(Optional<String> fileName) {
        return new TemplateValues("demo", -1001234567890L, 4321, DATE, ZoneOffset.UTC, "video", fileName, "video/mp4",
                99, "AgADBAADq6cxG");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{chat}/{message_id}_{file_name}|demo/4321_clip.mp4",
        "{chat_id}/{date}/{file_stem}.{ext}|-1001234567890/2026-03-14/clip.mp4",
        "{date:yyyy-MM}/{type}/{album_id}-{unique_id}.{ext}|2026-03/video/99-AgADBAADq6cxG.mp4",
        "{date:yyyy}/{date:MM}/{message_id}|2026/03/4321",
        "flat_{file_name}|flat_clip.mp4",
    })
    void everyPlaceholder_rendersItsValue(String template, String expected) {
        assertThat(PathTemplate.parse(template).render(values(Optional.of("clip.mp4")))).isEqualTo(Path.of(expected));
    }

    @Test
    void missingFileName_isGeneratedFromTypeAndMessageId() {
        assertThat(PathTemplate.parse(PathTemplate.DEFAULT).render(values(Optional.empty())))
                .isEqualTo(Path.of("demo/4321_video_4321.mp4"));
    }

    @Test
    void albumIdWithoutAlbum_isTheMessageId() {
        TemplateValues noAlbum = new TemplateValues("demo", 1, 7, DATE, ZoneOffset.UTC, "photo", Optional.empty(),
                "image/jpeg", 0, "u");
        assertThat(PathTemplate.parse("{album_id}/{file_name}").render(noAlbum)).isEqualTo(Path.of("7/photo_7.jpg"));
    }

    @Test
    void dateUsesTheZone() {
        TemplateValues tokyo = new TemplateValues("demo", 1, 7, Instant.parse("2026-03-14T20:00:00Z"),
                ZoneId.of("Asia/Tokyo"), "photo", Optional.empty(), "", 0, "u");
        assertThat(PathTemplate.parse("{date}/{message_id}").render(tokyo)).isEqualTo(Path.of("2026-03-15/7"));
    }

    @Test
    void hostileValues_neverAddFoldersOrLeave() {
        TemplateValues hostile = new TemplateValues("../../..", 1, 7, DATE, ZoneOffset.UTC, "document",
                Optional.of("../../etc/passwd"), "", 0, "../x");
        Path rendered = PathTemplate.parse("{chat}/{unique_id}/{file_name}").render(hostile);
        assertThat(rendered.getNameCount()).isEqualTo(3);
        assertThat(rendered.toString()).doesNotContain("/../").doesNotStartWith("/");
        assertThat(rendered.normalize()).isEqualTo(rendered);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"|it is empty",
        "/abs/{file_name}|must be relative",
        "C:/x/{file_name}|must be relative",
        "~/x|must be relative",
        "a\\b|use / between folders",
        "{chat}/|must end with a file name",
        "{chat}//{file_name}|empty folder name",
        "../{file_name}|'..' is not allowed",
        "./{file_name}|'.' is not allowed",
        "{nope}|unknown placeholder {nope}",
        "{chat|'{' without a matching '}'",
        "chat}|'}' without a matching '{'",
        "{date:qqqqqq-bad}|bad date pattern",
        "{date:}|bad date pattern",
        "{chat:x}|only {date} takes a pattern",
    })
    void badTemplates_sayWhatIsWrong_andListThePlaceholders(String template, String problem) {
        assertThatThrownBy(() -> PathTemplate.parse(template))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem)
                .hasMessageContaining("{message_id}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{chat}/{message_id}_{file_name}", "{chat_id}/{message_id}", "{unique_id}"})
    void templatesNamingTheMessageOrFile_identifyFiles(String template) {
        assertThat(PathTemplate.parse(template).identifiesFile()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{file_name}", "{chat}/{file_name}", "{message_id}_{file_name}"})
    void templatesThatCanCollide_doNot(String template) {
        assertThat(PathTemplate.parse(template).identifiesFile()).isFalse();
    }

    @Test
    void thousandsOfRandomHostileValues_alwaysRenderInsideTheRoot(@TempDir Path root) {
        Random random = new Random(42);
        String alphabet = "./\\:*?\"<>|\u0000\u202E\u200B \t\nаяé😀CONnul.-_~$";
        PathTemplate template = PathTemplate.parse("{chat}/{date:yyyy}/{type}_{file_name}");
        for (int i = 0; i < 5000; i++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(320);
            for (int j = 0; j < length; j++) {
                name.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                        random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            String hostile = name.toString();
            TemplateValues v = new TemplateValues(hostile, 1, i, DATE, ZoneOffset.UTC, "document", Optional.of(hostile),
                    "", 0, hostile);
            Path rendered = template.render(v);
            assertThat(rendered.isAbsolute()).isFalse();
            Path placed = OutputPaths.resolveInside(root, rendered);
            assertThat(placed.startsWith(root)).isTrue();
            for (Path component : rendered) {
                String c = component.toString();
                assertThat(c.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
                assertThat(c).isNotIn(".", "..", "").doesNotContain("\\", "\u0000", "\u202E", ":");
            }
        }
    }
}
