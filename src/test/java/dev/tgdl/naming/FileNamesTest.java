package dev.tgdl.naming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileNamesTest {

    private static String clean(String raw) {
        return FileNames.clean(raw, "fallback");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "../../etc/passwd|.._.._etc_passwd",
        "/abs/path|_abs_path",
        "a\\b|a_b",
        "C:\\x|C__x",
        "C:|C_",
        "what?.jpg|what_.jpg",
        "  spaced name  |spaced name",
        "trailing dots...|trailing dots",
        "normal.mp4|normal.mp4",
    })
    void separatorsAndPortabilityCharacters_areReplaced(String raw, String expected) {
        assertThat(clean(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"CON, CON_", "con.txt, con_.txt", "nul, nul_", "COM1.jpg, COM1_.jpg", "LPT9, LPT9_", "CONSOLE, CONSOLE"})
    void windowsDeviceNames_areMadeSafe(String raw, String expected) {
        assertThat(clean(raw)).isEqualTo(expected);
    }

    @Test
    void emptyDotsAndBlank_fallBack() {
        assertThat(clean("")).isEqualTo("fallback");
        assertThat(clean(null)).isEqualTo("fallback");
        assertThat(clean(".")).isEqualTo("fallback");
        assertThat(clean("..")).isEqualTo("fallback");
        assertThat(clean("...")).isEqualTo("fallback");
        assertThat(clean("   ")).isEqualTo("fallback");
    }

    @Test
    void bidiOverride_cannotDisguiseAnExtension() {
        String cleaned = clean("evil\u202Egpj.exe");
        assertThat(cleaned).isEqualTo("evilgpj.exe");
        assertThat(FileNames.extension(cleaned)).isEqualTo("exe");
    }

    @Test
    void controlsZeroWidthAndNul_areDropped() {
        assertThat(clean("a\u0000b\u0007c\u200Bd\uFEFFe\u0085f\u2066g")).isEqualTo("abcdefg");
        assertThat(clean("line\nbreak\ttab")).isEqualTo("linebreaktab");
    }

    @Test
    void loneSurrogates_areDropped_soTheNameIsValidUtf8() {
        String cleaned = clean("a\uD800b\uDC00c");
        assertThat(cleaned).isEqualTo("abc");
    }

    @Test
    void longAsciiName_isCutTo255Bytes_keepingTheExtension() {
        String cleaned = clean("x".repeat(300) + ".mp4");
        assertThat(cleaned.getBytes(StandardCharsets.UTF_8)).hasSize(255);
        assertThat(cleaned).endsWith(".mp4").startsWith("xxxx");
    }

    @Test
    void longMultiByteName_isCutOnACharacterBoundary_keepingTheExtension() {
        String cleaned = clean("я".repeat(150) + "漢".repeat(50) + "😀".repeat(20) + ".jpg");
        byte[] bytes = cleaned.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isLessThanOrEqualTo(255);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(cleaned);
        assertThat(cleaned).endsWith(".jpg");
        assertThat(cleaned.chars().noneMatch(c -> Character.isSurrogate((char) c) && !Character.isHighSurrogate((char) c)
                && !Character.isLowSurrogate((char) c))).isTrue();
    }

    @Test
    void longEmojiName_neverSplitsASurrogatePair() {
        String cleaned = clean("😀".repeat(100));
        assertThat(cleaned.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(cleaned.codePoints().allMatch(cp -> cp == 0x1F600)).isTrue();
    }

    @Test
    void namesDifferingOnlyByCase_stayDistinct() {
        assertThat(clean("Photo.JPG")).isNotEqualTo(clean("photo.jpg"));
    }

    @Test
    void unicodeIsNormalisedToNfc() {
        assertThat(clean("e\u0301.txt")).isEqualTo("\u00e9.txt");
    }

    @ParameterizedTest
    @CsvSource({"a.JPG, jpg", "archive.tar.gz, gz", "noext, ''", ".hidden, ''", "weird.e x e, ''", "x., ''"})
    void extension_isLowerCaseAndPlausible(String name, String ext) {
        assertThat(FileNames.extension(name)).isEqualTo(ext);
    }

    @Test
    void withSuffix_insertsBeforeTheExtension_withinTheLimit() {
        assertThat(FileNames.withSuffix("a.jpg", "~2")).isEqualTo("a~2.jpg");
        assertThat(FileNames.withSuffix("noext", "~2")).isEqualTo("noext~2");
        String longName = FileNames.withSuffix("x".repeat(251) + ".jpg", "~abcdef12");
        assertThat(longName.getBytes(StandardCharsets.UTF_8)).hasSize(255);
        assertThat(longName).endsWith("~abcdef12.jpg");
    }

    @ParameterizedTest
    @CsvSource({"photo, '', jpg", "voice, audio/ogg, ogg", "video_note, '', mp4", "sticker, application/x-tgsticker, tgs",
        "sticker, video/webm, webm", "document, application/pdf, pdf", "document, application/x-unknown, bin"})
    void defaultExtension_comesFromTheMimeTypeElseTheType(String type, String mime, String ext) {
        assertThat(FileNames.defaultExtension(type, mime)).isEqualTo(ext);
    }
}
