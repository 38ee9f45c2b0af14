package dev.tgdl.naming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.regex.Pattern;

/** The promises of a clean name, checked independently of how {@link FileNames} keeps them. */
final class NameAssertions {

    /** Device names as Windows matches them: the part before the first dot, trailing spaces ignored. */
    private static final Pattern RESERVED = Pattern.compile(
            "(?i)(con|prn|aux|nul|conin\\$|conout\\$|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3]) *(\\..*)?");

    private NameAssertions() {
    }

    /** Asserts every rule {@link FileNames#clean} promises about one component. */
    static void assertSafeComponent(String name) {
        String shown = FileNames.quote(name);
        assertThat(name).as("empty component").isNotEmpty();
        assertThat(name).as("dot component %s", shown).isNotIn(".", "..");
        assertThat(utf8(name).length).as("UTF-8 length of %s", shown).isLessThanOrEqualTo(FileNames.MAX_COMPONENT_BYTES);
        assertThat(decodesAsUtf8(utf8(name))).as("round trip through UTF-8 of %s", shown).isEqualTo(name);
        assertThat(Normalizer.isNormalized(name, Normalizer.Form.NFC)).as("NFC %s", shown).isTrue();
        assertThat(RESERVED.matcher(name).matches()).as("reserved device name %s", shown).isFalse();
        assertThat(Character.isWhitespace(name.charAt(0)) || Character.isSpaceChar(name.charAt(0)))
                .as("leading space in %s", shown).isFalse();
        char last = name.charAt(name.length() - 1);
        assertThat(last == '.' || Character.isWhitespace(last) || Character.isSpaceChar(last))
                .as("trailing dot or space in %s", shown).isFalse();
        // a plain loop, not an assertion per character: the property tests check millions of them
        name.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean forbidden = "/\\:*?\"<>|".indexOf(cp) >= 0
                    || type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    // the listed bidi and zero-width characters, named explicitly in case a JDK reclassifies one
                    || cp == 0x061C || cp >= 0x200B && cp <= 0x200F || cp >= 0x202A && cp <= 0x202E
                    || cp >= 0x2066 && cp <= 0x2069 || cp == 0xFEFF;
            if (forbidden) {
                throw new AssertionError(String.format("forbidden character U+%04X in %s", cp, shown));
            }
        });
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes strictly: a lone surrogate would have been encoded as '?' and fail the round trip. */
    private static String decodesAsUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("not valid UTF-8", e);
        }
    }
}
