package dev.tgdl.naming;

import static dev.tgdl.naming.NameAssertions.assertSafeComponent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathTemplateTest {

    private static final String PLACEHOLDERS =
            "{chat} {chat_id} {message_id} {date} {date:PATTERN} {type} {file_name} {file_stem} {ext} {album_id} {unique_id}"
            + " {topic}";

    /** 23:30 UTC on 9 March is already 10 March in Berlin. */
    private static final Instant DATE = Instant.parse("2024-03-09T23:30:00Z");

    private static TemplateValues photo() {
        return new TemplateValues("durov", -1001234567890L, 42, DATE, ZoneId.of("Europe/Berlin"), "photo",
                Optional.empty(), "", 0, "AQADcq4xG2nJ2Ut-");
    }

    private static TemplateValues document(String fileName, String mimeType) {
        return new TemplateValues("durov", -1001234567890L, 42, DATE, ZoneOffset.UTC, "document",
                Optional.of(fileName), mimeType, 0, "AgADZQADz3vgSQ");
    }

    private static TemplateValues withChat(String chat) {
        return new TemplateValues(chat, -1001234567890L, 42, DATE, ZoneOffset.UTC, "photo",
                Optional.empty(), "", 0, "AQADcq4xG2nJ2Ut-");
    }

    private static Path render(String template, TemplateValues values) {
        Path path = PathTemplate.parse(template).render(values);
        path.forEach(component -> assertSafeComponent(component.toString()));
        return path;
    }

    @Nested
    class Placeholders {

        @Test
        void everyPlaceholderRendersItsValue() {
            assertThat(render("{chat}/{chat_id}/{message_id}/{date}/{date:yyyy-MM}/{type}/{file_name}/{file_stem}/"
                    + "{ext}/{album_id}/{unique_id}", photo()))
                    .isEqualTo(Path.of("durov", "-1001234567890", "42", "2024-03-10", "2024-03", "photo",
                            "photo_42.jpg", "photo_42", "jpg", "42", "AQADcq4xG2nJ2Ut-"));
        }

        @Test
        void defaultTemplateUsesTheOriginalName() {
            assertThat(render(PathTemplate.DEFAULT, document("Report Q1.PDF", "application/pdf")))
                    .isEqualTo(Path.of("durov", "42_Report Q1.PDF"));
        }

        @Test
        void fileStemAndExtensionComeFromTheOriginalName() {
            assertThat(render("{file_stem}.{ext}", document("Report Q1.PDF", "application/pdf")))
                    .isEqualTo(Path.of("Report Q1.pdf"));
        }

        @Test
        void extensionFallsBackToTheMimeTypeWhenTheNameHasNone() {
            assertThat(render("{file_name}/{ext}", document("README", "text/plain")))
                    .isEqualTo(Path.of("README", "txt"));
        }

        @Test
        void voiceNoteWithoutANameGetsAGeneratedOne() {
            TemplateValues voice = new TemplateValues("durov", 1, 1234, DATE, ZoneOffset.UTC, "voice",
                    Optional.empty(), "audio/ogg", 0, "AwADBAAD");
            assertThat(render("{file_name}", voice)).isEqualTo(Path.of("voice_1234.ogg"));
        }

        @Test
        void nameThatCleansToNothingGetsAGeneratedOne() {
            assertThat(render("{file_name}", document("..", "application/pdf"))).isEqualTo(Path.of("document_42.pdf"));
        }

        @Test
        void albumIdIsTheMessageIdOutsideAnAlbum() {
            TemplateValues inAlbum = new TemplateValues("durov", 1, 42, DATE, ZoneOffset.UTC, "photo",
                    Optional.empty(), "", 13571113, "x");
            assertThat(render("{album_id}", inAlbum)).isEqualTo(Path.of("13571113"));
            assertThat(render("{album_id}", photo())).isEqualTo(Path.of("42"));
        }

        @Test
        void chatFallsBackToTheChatIdWhenItCleansToNothing() {
            assertThat(render("{chat}", withChat(""))).isEqualTo(Path.of("-1001234567890"));
            assertThat(render("{chat}", withChat("\u202E..."))).isEqualTo(Path.of("-1001234567890"));
        }

        @Test
        void topicRendersTheTopicsNameCleaned_elseTopicAndItsId_elseNoTopic() {
            TemplateValues p = photo();
            TemplateValues inTopic = new TemplateValues(p.chat(), p.chatId(), p.messageId(), p.date(), p.zone(), p.type(),
                    p.fileName(), p.mimeType(), p.albumId(), p.uniqueId(), 5, "../Cats: \u202Eand dogs");
            TemplateValues unnamed = new TemplateValues(p.chat(), p.chatId(), p.messageId(), p.date(), p.zone(), p.type(),
                    p.fileName(), p.mimeType(), p.albumId(), p.uniqueId(), 5, "\u202E..");

            Path named = render("{chat}/{topic}/{file_name}", inTopic);
            assertThat(named.getNameCount()).isEqualTo(3);
            assertThat(named.getName(1).toString()).contains("Cats").contains("and dogs").doesNotContain("/", "\u202E", ":");
            assertThat(render("{topic}", unnamed)).isEqualTo(Path.of("topic_5"));
            assertThat(render("{topic}", photo())).isEqualTo(Path.of("no_topic"));
        }

        @Test
        void uniqueIdFallsBackToChatAndMessageIdWhenUnknown() {
            TemplateValues unknown = new TemplateValues("durov", 7, 42, DATE, ZoneOffset.UTC, "photo",
                    Optional.empty(), "", 0, "");
            assertThat(render("{unique_id}", unknown)).isEqualTo(Path.of("7_42"));
        }

        @Test
        void dateIsWrittenInTheGivenZone() {
            assertThat(render("{date}", withChat("x"))).isEqualTo(Path.of("2024-03-09"));
            assertThat(render("{date}", photo())).isEqualTo(Path.of("2024-03-10"));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '=', quoteCharacter = '`', value = {
                "{date:yyyy}/{date:MM}=2024/03",
                "{date:MMMM yyyy}=March 2024",
                "{date:EEE}=Sun",
                "{date:yyyy-MM-dd'T'HHmm}=2024-03-10T0030",
                "{date:HH:mm}=00_30",
                "{date:'week' ww}=week 11",
        })
        // English weeks start on Sunday, so Sunday 10 March 2024 opens week 11
        void datePatternsAreFormattedInEnglish(String template, String expected) {
            assertThat(render(template, photo())).isEqualTo(Path.of(expected));
        }
    }

    @Nested
    class HostileValues {

        @Test
        void fileNameCannotClimbOut() {
            assertThat(render(PathTemplate.DEFAULT, document("../../etc/passwd", "")))
                    .isEqualTo(Path.of("durov", "42_.._.._etc_passwd"));
        }

        @Test
        void chatCannotAddFoldersOrBeADeviceName() {
            assertThat(render("{chat}/{message_id}", withChat("../../x/y"))).isEqualTo(Path.of(".._.._x_y", "42"));
            assertThat(render("{chat}/{message_id}", withChat("C:\\Windows"))).isEqualTo(Path.of("C__Windows", "42"));
            assertThat(render("{chat}/{message_id}", withChat("CON"))).isEqualTo(Path.of("_CON", "42"));
        }

        @Test
        void absoluteFileNameBecomesOneComponent() {
            assertThat(render("{file_name}", document("/etc/passwd", ""))).isEqualTo(Path.of("_etc_passwd"));
        }

        @Test
        void componentIsCleanedAgainAfterSubstitution() {
            assertThat(render("{type}.../{message_id}", photo())).isEqualTo(Path.of("photo", "42"));
            TemplateValues third = new TemplateValues("durov", 1, 3, DATE, ZoneOffset.UTC, "photo",
                    Optional.empty(), "", 0, "x");
            // "com" and "3" are harmless apart; together they name a Windows device
            assertThat(render("com{message_id}.{ext}", third)).isEqualTo(Path.of("_com3.jpg"));
        }

        @Test
        void longFileNameIsCutButTheMessageIdAndExtensionSurvive() {
            Path path = render("{file_name}_{message_id}", document("a".repeat(300) + ".mp4", ""));
            assertThat(path).isEqualTo(Path.of("a".repeat(248) + ".mp4_42"));
            assertThat(path.toString().getBytes(StandardCharsets.UTF_8)).hasSize(255);
        }

        @Test
        void defaultTemplateKeepsTheMessageIdPrefixOfALongName() {
            Path path = render(PathTemplate.DEFAULT, document("\u4e2d".repeat(300) + ".jpg", ""));
            assertThat(path).isEqualTo(Path.of("durov", "42_" + "\u4e2d".repeat(82) + ".jpg"));
        }

        @Test
        void twoLongValuesShareTheRoom() {
            TemplateValues values = new TemplateValues("c".repeat(300), 1, 42, DATE, ZoneOffset.UTC, "document",
                    Optional.of("a".repeat(300) + ".jpg"), "", 0, "x");
            assertThat(render("{chat} - {file_name}", values))
                    .isEqualTo(Path.of("c".repeat(126) + " - " + "a".repeat(122) + ".jpg"));
        }

        @Test
        void shortValueKeepsItsLengthAndTheLongOneGetsTheRest() {
            TemplateValues values = new TemplateValues("news", 1, 42, DATE, ZoneOffset.UTC, "document",
                    Optional.of("a".repeat(300) + ".jpg"), "", 0, "x");
            assertThat(render("{chat}_{file_name}", values))
                    .isEqualTo(Path.of("news_" + "a".repeat(246) + ".jpg"));
        }
    }

    @Nested
    class IdentifiesFile {

        @ParameterizedTest
        @ValueSource(strings = {PathTemplate.DEFAULT, "{chat_id}/{message_id}.{ext}", "{unique_id}",
                "{date}/{unique_id}_{file_name}", "{chat}/{date:yyyy}/{message_id}"})
        void whenMessageIdMeetsAChatOrTheUniqueIdIsThere(String template) {
            assertThat(PathTemplate.parse(template).identifiesFile()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"{file_name}", "{chat}/{file_name}", "{message_id}", "{chat}/{album_id}_{file_name}",
                "{chat_id}/{date}"})
        void notOtherwise(String template) {
            assertThat(PathTemplate.parse(template).identifiesFile()).isFalse();
        }
    }

    @Test
    void sourceIsTheTemplateAsWritten() {
        PathTemplate template = PathTemplate.parse("{chat}/{date:yyyy}/{file_name}");
        assertThat(template.source()).isEqualTo("{chat}/{date:yyyy}/{file_name}");
        assertThat(template).hasToString("{chat}/{date:yyyy}/{file_name}")
                .isEqualTo(PathTemplate.parse("{chat}/{date:yyyy}/{file_name}"));
    }

    @Test
    void literalFoldersAreKept() {
        assertThat(render("Telegram/{chat}/media/{file_name}", photo()))
                .isEqualTo(Path.of("Telegram", "durov", "media", "photo_42.jpg"));
    }

    @Nested
    class ParseErrors {

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "``|it is empty",
                "`   `|it is empty",
                "{chat}/{nope}|unknown placeholder {nope}",
                "{}|unknown placeholder {}",
                "{Chat}|unknown placeholder {Chat}",
                "{chat|unbalanced brace: '{' at position 1 is not closed",
                "{chat{file_name}|unbalanced brace: '{' at position 1 is not closed",
                "chat}|unbalanced brace: '}' at position 5 has no '{'",
                "{date:qqqqqq}|bad date pattern {date:qqqqqq}: Too many pattern letters: q",
                "{date:bb}|bad date pattern {date:bb}: Unknown pattern letter: b",
                "{date:'open}|bad date pattern {date:'open}: Pattern ends with an incomplete string literal: 'open",
                "{date:}|bad date pattern {date:}: the pattern is empty",
                "{date:yyyy/MM}|bad date pattern {date:yyyy/MM}: '/' cannot make folders inside a placeholder; write {date:yyyy}/{date:MM}",
                "{date:[]}|bad date pattern {date:[]}: it renders nothing",
                "{date:' . '}|bad date pattern {date:' . '}: it renders nothing",
                "{chat:x}|placeholder {chat} takes no argument, but has {chat:x}",
                "/abs/{chat}|absolute path; a template is relative to the output folder",
                "//server/{chat}|absolute path; a template is relative to the output folder",
                "C:/x/{chat}|absolute path (drive C:); a template is relative to the output folder",
                "c:{chat}|absolute path (drive c:); a template is relative to the output folder",
                "../{chat}|component \"..\" is not allowed",
                "{chat}/../{file_name}|component \"..\" is not allowed",
                "{chat}/./{file_name}|component \".\" is not allowed",
                "a\\{chat}|backslash at position 2; separate folders with '/'",
                "{chat}//{file_name}|empty component (a '//' or a '/' at the end)",
                "{chat}/|empty component (a '//' or a '/' at the end)",
                "{chat}/...|component \"...\" has no usable characters",
                "CON/{file_name}|component \"CON\" is not a portable name (it would be written as \"_CON\")",
                "`Archive /{chat}`|component \"Archive \" is not a portable name (it would be written as \"Archive\")",
                "{chat}/a:b|character ':' at position 9 is not allowed in file names",
                "{chat}?{message_id}|character '?' at position 7 is not allowed in file names",
        })
        void nameTheProblemAndListThePlaceholders(String template, String problem) {
            assertThatThrownBy(() -> PathTemplate.parse(template))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bad template \"%s\": %s; placeholders: %s", template, problem, PLACEHOLDERS);
        }

        @Test
        void controlCharacterIsNamedAndTheMessageStaysOnOneLine() {
            assertThatThrownBy(() -> PathTemplate.parse("{chat}\n/x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bad template \"{chat}\\u000A/x\": control or invisible character U+000A at position 7;"
                            + " placeholders: " + PLACEHOLDERS);
        }

        @Test
        void bidiControlIsNamed() {
            assertThatThrownBy(() -> PathTemplate.parse("{chat}/x\u202E{ext}"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bad template \"{chat}/x\\u202E{ext}\": control or invisible character U+202E at position 9;"
                            + " placeholders: " + PLACEHOLDERS);
        }

        @Test
        void nullIsAProgrammingError() {
            assertThatThrownBy(() -> PathTemplate.parse(null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("template");
        }
    }

    @Test
    void valuesRejectANonPositiveMessageId() {
        assertThatThrownBy(() -> new TemplateValues("c", 1, 0, DATE, ZoneOffset.UTC, "photo", Optional.empty(), "", 0, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("messageId must be positive, was 0");
    }
}
