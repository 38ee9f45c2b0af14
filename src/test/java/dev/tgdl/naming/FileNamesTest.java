package dev.tgdl.naming;

import static dev.tgdl.naming.NameAssertions.assertSafeComponent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamesTest {

    private static String clean(String raw) {
        String cleaned = FileNames.clean(raw, "fallback");
        assertSafeComponent(cleaned);
        return cleaned;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Nested
    class PathEscapes {

        @Test
        void parentTraversalBecomesOneHarmlessName() {
            assertThat(clean("../../etc/passwd")).isEqualTo(".._.._etc_passwd");
        }

        @Test
        void absolutePathBecomesOneName() {
            assertThat(clean("/abs/path")).isEqualTo("_abs_path");
        }

        @Test
        void backslashIsReplaced() {
            assertThat(clean("a\\b")).isEqualTo("a_b");
        }

        @Test
        void driveLetterPathLosesColonAndBackslash() {
            assertThat(clean("C:\\x")).isEqualTo("C__x");
            assertThat(clean("C:")).isEqualTo("C_");
        }

        @Test
        void uncPathBecomesOneName() {
            assertThat(clean("\\\\server\\share")).isEqualTo("__server_share");
        }
    }

    @Nested
    class NamesThatCleanToNothing {

        @ParameterizedTest
        @ValueSource(strings = {"", ".", "..", "...", "   ", " . . ", "\u0000", "\u202E\u200B\uFEFF", "\t\n"})
        void useTheFallback(String raw) {
            assertThat(clean(raw)).isEqualTo("fallback");
        }

        @ParameterizedTest
        @NullSource
        void nullUsesTheFallback(String raw) {
            assertThat(clean(raw)).isEqualTo("fallback");
        }

        @Test
        void fallbackIsCleanedToo() {
            assertThat(FileNames.clean("..", "photo/1:2")).isEqualTo("photo_1_2");
        }

        @Test
        void fallbackThatCleansToNothingIsRejected() {
            assertThatThrownBy(() -> FileNames.clean("..", " . "))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("fallback name \" . \" cleans to nothing (raw name \"..\")");
        }
    }

    @Nested
    class EdgesOfTheName {

        @Test
        void trailingDotsAndSpacesAreRemoved() {
            assertThat(clean("name. . .")).isEqualTo("name");
            assertThat(clean("photo.jpg.")).isEqualTo("photo.jpg");
            assertThat(clean("photo.jpg   ")).isEqualTo("photo.jpg");
        }

        @Test
        void leadingSpacesAreRemovedButLeadingDotsKept() {
            assertThat(clean("   name")).isEqualTo("name");
            assertThat(clean(".hidden")).isEqualTo(".hidden");
        }

        @Test
        void unicodeSpacesAtTheEdgesAreRemoved() {
            assertThat(clean("\u3000\u00a0name\u2003")).isEqualTo("name");
        }

        @Test
        void innerSpacesAndDotsAreKept() {
            assertThat(clean("a  b..c")).isEqualTo("a  b..c");
        }
    }

    @Nested
    class InvisibleAndControlCharacters {

        @Test
        void rightToLeftOverrideCannotDisguiseTheExtension() {
            String cleaned = clean("evil\u202Egpj.exe");
            assertThat(cleaned).isEqualTo("evilgpj.exe");
            assertThat(FileNames.extension(cleaned)).isEqualTo("exe");
        }

        @Test
        void everyListedBidiControlIsDropped() {
            assertThat(clean("a\u061Cb\u200Ec\u200Fd\u202Ae\u202Bf\u202Cg\u202Dh\u202Ei\u2066j\u2067k\u2068l\u2069m"))
                    .isEqualTo("abcdefghijklm");
        }

        @Test
        void zeroWidthCharactersAndBomAreDropped() {
            assertThat(clean("\uFEFFa\u200Bb\u200Cc\u200Dd")).isEqualTo("abcd");
        }

        @Test
        void nulAndOtherControlsAreDropped() {
            assertThat(clean("a\u0000b\u0001c\u001Fd\u007Fe\u0080f\u009Fg")).isEqualTo("abcdefg");
        }

        @Test
        void lineBreaksAndTabsBecomeSpaces() {
            assertThat(clean("My\nChannel\tNews\r\nDaily\u2028x")).isEqualTo("My Channel News  Daily x");
        }

        @Test
        void loneSurrogateIsReplaced() {
            assertThat(clean("a\uD800b\uDC00c")).isEqualTo("a_b_c");
        }
    }

    @Test
    void windowsForbiddenCharactersAreReplaced() {
        assertThat(clean("a:b*c?d\"e<f>g|h")).isEqualTo("a_b_c_d_e_f_g_h");
    }

    @Nested
    class ReservedDeviceNames {

        @ParameterizedTest
        @CsvSource(delimiter = '=', value = {
                "CON=_CON",
                "con.txt=_con.txt",
                "Con.tar.gz=_Con.tar.gz",
                "aux .txt=_aux .txt",
                "PRN=_PRN",
                "nul=_nul",
                "COM1=_COM1",
                "com9.log=_com9.log",
                "LPT1=_LPT1",
                "lpt9.jpg=_lpt9.jpg",
                "COM\u00b9=_COM\u00b9",
                "conin$=_conin$",
                "CON.=_CON",
        })
        void getAPrefixInAnyCaseWithAnyExtension(String raw, String expected) {
            assertThat(clean(raw)).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"COM10", "console", "CON_", "acon", "LPT", "nul-byte.txt"})
        void lookAlikesAreLeftAlone(String raw) {
            assertThat(clean(raw)).isEqualTo(raw);
        }
    }

    @Nested
    class Normalisation {

        @Test
        void decomposedAccentIsComposed() {
            assertThat(clean("Cafe\u0301.jpg")).isEqualTo("Caf\u00e9.jpg");
        }

        @Test
        void accentSeparatedByAnInvisibleCharacterIsComposedAfterDropping() {
            assertThat(clean("e\u200B\u0301")).isEqualTo("\u00e9");
        }

        @Test
        void namesDifferingOnlyInCaseStayDifferent() {
            assertThat(clean("Photo.JPG")).isEqualTo("Photo.JPG");
            assertThat(clean("photo.jpg")).isEqualTo("photo.jpg");
        }
    }

    @Nested
    class Length {

        @Test
        void longAsciiNameIsCutKeepingTheExtension() {
            String cleaned = clean("a".repeat(300) + ".mp4");
            assertThat(cleaned).isEqualTo("a".repeat(251) + ".mp4");
            assertThat(bytes(cleaned)).isEqualTo(255);
        }

        @Test
        void longCyrillicNameIsCutOnACharacterBoundary() {
            String cleaned = clean("\u0436".repeat(300) + ".jpg");
            assertThat(cleaned).isEqualTo("\u0436".repeat(125) + ".jpg");
            assertThat(bytes(cleaned)).isEqualTo(254);
        }

        @Test
        void longCjkNameIsCutOnACharacterBoundary() {
            String cleaned = clean("\u4e2d".repeat(300) + ".jpg");
            assertThat(cleaned).isEqualTo("\u4e2d".repeat(83) + ".jpg");
            assertThat(bytes(cleaned)).isEqualTo(253);
        }

        @Test
        void longEmojiNameIsCutBetweenSurrogatePairs() {
            String cleaned = clean("\uD83D\uDE00".repeat(300) + ".jpg");
            assertThat(cleaned).isEqualTo("\uD83D\uDE00".repeat(62) + ".jpg");
            assertThat(bytes(cleaned)).isEqualTo(252);
        }

        @Test
        void mixedScriptNameStaysWithinTheLimit() {
            String cleaned = clean("\u0436\u4e2d\uD83D\uDE00a".repeat(100) + ".jpg");
            assertThat(bytes(cleaned)).isLessThanOrEqualTo(255);
            assertThat(cleaned).startsWith("\u0436\u4e2d\uD83D\uDE00a").endsWith(".jpg");
        }

        @Test
        void flagsAreNotSplitWhenCutting() {
            String flag = "\uD83C\uDDE9\uD83C\uDDEA";
            assertThat(clean("abcd" + flag.repeat(100) + ".jpg")).isEqualTo("abcd" + flag.repeat(30) + ".jpg");
        }

        @Test
        void oneHugeClusterIsCutBetweenCodePoints() {
            // NFC composes the first accent into á; 126 further accents fill the rest of the 255 bytes
            assertThat(clean("a" + "\u0301".repeat(300))).isEqualTo("\u00e1" + "\u0301".repeat(126));
        }

        @Test
        void longExtensionIsNotKept() {
            String cleaned = clean("a".repeat(300) + "." + "b".repeat(20));
            assertThat(cleaned).isEqualTo("a".repeat(255));
        }

        @Test
        void cutThatEndsInDotsOrSpacesIsTrimmed() {
            assertThat(clean("a".repeat(250) + "  . . . . x")).isEqualTo("a".repeat(250));
        }

        @Test
        void nameOfOnlyDotsBeyondTheLimitUsesTheFallback() {
            // " x" is no extension, so the cut keeps 255 dots, which trim to nothing
            assertThat(clean(".".repeat(300) + " x")).isEqualTo("fallback");
        }

        @Test
        void dotsBeforeAShortExtensionAreAStem() {
            assertThat(clean(".".repeat(300) + "x")).isEqualTo(".".repeat(253) + ".x");
        }

        @Test
        void reservedNameHiddenBehindSpacesIsStillCaught() {
            assertThat(clean("con" + " ".repeat(300) + "x")).isEqualTo("_con");
        }
    }

    @Nested
    class Extension {

        @ParameterizedTest
        @CsvSource(delimiter = '=', value = {
                "a.JPG=jpg",
                "a.tar.gz=gz",
                "clip.Mp4=mp4",
                "a.abcdefghijklmnop=abcdefghijklmnop",
        })
        void isTheLowerCasedTextAfterTheLastDot(String name, String expected) {
            assertThat(FileNames.extension(name)).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"a", ".bashrc", "a.", "Chapter 1. Intro", "a.abcdefghijklmnopq", "a.jp g", "a.\u00e9t\u00e9"})
        void isEmptyWhenThereIsNone(String name) {
            assertThat(FileNames.extension(name)).isEmpty();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '=', value = {
                "a.JPG=a",
                "a.tar.gz=a.tar",
                ".bashrc=.bashrc",
                "Chapter 1. Intro=Chapter 1. Intro",
                "a.=a.",
        })
        void stemIsTheNameWithoutIt(String name, String expected) {
            assertThat(FileNames.stem(name)).isEqualTo(expected);
        }
    }

    @Nested
    class WithSuffix {

        @Test
        void goesBeforeTheExtension() {
            assertThat(FileNames.withSuffix("a.jpg", "~2")).isEqualTo("a~2.jpg");
            assertThat(FileNames.withSuffix("a.tar.gz", "~2")).isEqualTo("a.tar~2.gz");
        }

        @Test
        void goesAtTheEndWithoutAnExtension() {
            assertThat(FileNames.withSuffix("README", "~2")).isEqualTo("README~2");
        }

        @Test
        void keepsTheCaseOfTheExtension() {
            assertThat(FileNames.withSuffix("IMG.JPG", "~2")).isEqualTo("IMG~2.JPG");
        }

        @Test
        void cutsTheStemToStayWithinTheLimit() {
            String name = FileNames.clean("a".repeat(300) + ".mp4", "x");
            String suffixed = FileNames.withSuffix(name, "~2");
            assertThat(suffixed).isEqualTo("a".repeat(249) + "~2.mp4");
            assertThat(bytes(suffixed)).isEqualTo(255);
        }

        @Test
        void cutsMultiByteStemsOnACharacterBoundary() {
            String suffixed = FileNames.withSuffix("\uD83D\uDE00".repeat(62) + ".jpg", "~abcdefgh");
            assertThat(suffixed).isEqualTo("\uD83D\uDE00".repeat(60) + "~abcdefgh.jpg");
            assertSafeComponent(suffixed);
        }

        @Test
        void cleansTheNameFirst() {
            assertThat(FileNames.withSuffix("../con.jpg", "~2")).isEqualTo(".._con~2.jpg");
            assertThat(FileNames.withSuffix("con.jpg", "~2")).isEqualTo("_con~2.jpg");
        }

        @Test
        void isDeterministic() {
            assertThat(FileNames.withSuffix("x.jpg", "~1")).isEqualTo(FileNames.withSuffix("x.jpg", "~1"));
        }

        @Test
        void rejectsUnsafeOrEmptySuffixes() {
            assertThatThrownBy(() -> FileNames.withSuffix("a.jpg", "/x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("suffix \"/x\" holds characters not allowed in file names");
            assertThatThrownBy(() -> FileNames.withSuffix("a.jpg", "\u202E"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("suffix \"\\u202E\" holds characters not allowed in file names");
            assertThatThrownBy(() -> FileNames.withSuffix("a.jpg", ""))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("suffix \"\" must be 1 to 64 UTF-8 bytes long");
            assertThatThrownBy(() -> FileNames.withSuffix("a.jpg", "x".repeat(65)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("suffix \"xxx");
        }

        @Test
        void rejectsANameThatCleansToNothing() {
            assertThatThrownBy(() -> FileNames.withSuffix("..", "~2"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("name \"..\" cleans to nothing");
        }
    }

    @Nested
    class DefaultExtension {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "photo|''|jpg",
                "photo|image/jpeg|jpg",
                "voice|audio/ogg|ogg",
                "voice|''|ogg",
                "voice|audio/ogg; codecs=opus|ogg",
                "voice|audio/mpeg|mp3",
                "video_note|''|mp4",
                "video|video/quicktime|mov",
                "animation|''|mp4",
                "audio|audio/x-m4a|m4a",
                "audio|''|mp3",
                "sticker|image/webp|webp",
                "sticker|application/x-tgsticker|tgs",
                "sticker|video/webm|webm",
                "sticker|''|webp",
                "document|application/pdf|pdf",
                "document|IMAGE/PNG|png",
                "document|application/octet-stream|bin",
                "document|''|bin",
                "something_new|''|bin",
        })
        void comesFromTheMimeTypeElseTheMediaType(String type, String mime, String expected) {
            assertThat(FileNames.defaultExtension(type, mime)).isEqualTo(expected);
        }
    }
}
