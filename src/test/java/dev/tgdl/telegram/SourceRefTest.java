package dev.tgdl.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceRefTest {

    @ParameterizedTest
    @CsvSource({
        "@durov, durov",
        "@big, big",
        "durov, durov",
        "https://t.me/durov, durov",
        "t.me/durov, durov",
        "http://telegram.me/durov/, durov",
        "https://t.me/s/durov, durov",
        "tg://resolve?domain=durov, durov",
    })
    void usernameForms_parseToTheUsername(String text, String username) {
        assertThat(SourceRef.parse(text)).isEqualTo(new SourceRef.Username(text, username));
    }

    @ParameterizedTest
    @CsvSource({
        "https://t.me/durov/123, durov, 123",
        "t.me/durov/123?single, durov, 123",
        "tg://resolve?domain=durov&post=77, durov, 77",
    })
    void publicPostLinks_carryChatAndServerMessageId(String text, String username, long id) {
        assertThat(SourceRef.parse(text)).isEqualTo(new SourceRef.PublicPost(text, username, id));
    }

    @ParameterizedTest
    @CsvSource({
        "https://t.me/c/1234567890/789, 1234567890, 789",
        "https://t.me/c/1234567890/55/789, 1234567890, 789",
        "tg://privatepost?channel=1234567890&post=789, 1234567890, 789",
    })
    void privatePostLinks_carryChannelAndMessage_theMessageBeingTheLastNumber(String text, long channel, long id) {
        assertThat(SourceRef.parse(text)).isInstanceOfSatisfying(SourceRef.PrivatePost.class, p -> {
            assertThat(p.channelId()).isEqualTo(channel);
            assertThat(p.serverMessageId()).isEqualTo(id);
        });
    }

    @ParameterizedTest
    @CsvSource({
        "https://t.me/forum/7/123, forum, 7, 123",
        "t.me/s/forum/1/99, forum, 1, 99",
    })
    void topicMessageLinks_carryTheTopicAndTheMessage(String text, String username, long topic, long id) {
        assertThat(SourceRef.parse(text)).isEqualTo(new SourceRef.PublicPost(text, username, id, OptionalLong.of(topic)));
    }

    @Test
    void privateThreadOrTopicMessageLink_carriesTheMiddleNumberAndTheMessage() {
        String text = "https://t.me/c/1234567890/55/789";
        assertThat(SourceRef.parse(text)).isEqualTo(new SourceRef.PrivatePost(text, 1234567890, 789, OptionalLong.of(55)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://t.me/forum/1/2/3", "https://t.me/forum/x/3", "https://t.me/c/123/4/5/6",
        "https://t.me/forum/99999999999/3"})
    void linksWithMoreOrOtherPartsThanATopicAndAMessage_areRejected(String text) {
        assertThatThrownBy(() -> SourceRef.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TOPIC");
    }

    @ParameterizedTest
    @CsvSource({
        "-1001234567890, -1001234567890",
        "https://t.me/c/1234567890, -1001234567890",
    })
    void chatIds_parseToTdlibChatIds(String text, long chatId) {
        assertThat(SourceRef.parse(text)).isEqualTo(new SourceRef.ChatId(text, chatId));
    }

    @ParameterizedTest
    @CsvSource({
        "https://t.me/+AbCdEf123456, https://t.me/+AbCdEf123456",
        "t.me/joinchat/AbCdEf123456, https://t.me/joinchat/AbCdEf123456",
        "tg://join?invite=AbCdEf123456, https://t.me/+AbCdEf123456",
    })
    void inviteLinks_normaliseToHttpsLinks(String text, String url) {
        assertThat(SourceRef.parse(text)).isEqualTo(new SourceRef.InviteLink(text, url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "@ab", "@1abc", "https://example.com/durov", "t.me/", "https://t.me/c/abc/1",
        "durov channel", "@durov/../x", "https://t.me/durov/abc"})
    void garbage_isRejectedWithTheAcceptedForms(String text) {
        assertThatThrownBy(() -> SourceRef.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read source")
                .hasMessageContaining("@username");
    }
}
