package dev.tgdl.download;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgdl.telegram.ForumTopic;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceScopeTest {

    private static final List<ForumTopic> TOPICS = List.of(new ForumTopic(1, "General", true),
            new ForumTopic(7, "Photos", false), new ForumTopic(9, "2024", false), new ForumTopic(12, "7", false));

    @Test
    void aNumber_isATopicIdFirst_thenAName() {
        assertThat(SourceScope.find(TOPICS, "7", false)).map(ForumTopic::id).hasValue(7L);
        assertThat(SourceScope.find(TOPICS, "2024", false)).map(ForumTopic::id).hasValue(9L);
    }

    @Test
    void aName_matchesWithoutRegardToCaseOrSurroundingSpace() {
        assertThat(SourceScope.find(TOPICS, " photos ", false)).map(ForumTopic::id).hasValue(7L);
        assertThat(SourceScope.find(TOPICS, "Recipes", false)).isEmpty();
    }

    @Test
    void aTopicLink_namesAnIdOnly() {
        assertThat(SourceScope.find(TOPICS, "2024", true)).isEmpty();
        assertThat(SourceScope.find(TOPICS, "12", true)).map(ForumTopic::name).hasValue("7");
    }

    @Test
    void namesInMessages_haveTheirControlAndBidiCharactersEscaped() {
        assertThat(SourceScope.quote("a\nb\u202Ec")).isEqualTo("'a\\u000Ab\\u202Ec'");
    }
}
