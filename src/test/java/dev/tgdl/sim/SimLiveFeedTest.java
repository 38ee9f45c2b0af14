package dev.tgdl.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgdl.td.TdApi;
import dev.tgdl.td.TdException;
import dev.tgdl.td.TdFunctions;
import dev.tgdl.time.VirtualTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Live posts: a channel that grows while clients run, keeps its posts across restarts, and tells open chats. */
class SimLiveFeedTest {

    @RegisterExtension
    final VirtualTime time = new VirtualTime();

    @TempDir
    Path dir;

    private SimulatedTdlib sim(String channel) throws Exception {
        Path file = Files.writeString(dir.resolve("live.yaml"), """
                time_scale: max
                channels:
                  - {username: feed, id: 3000000301, messages: 10, deleted_share: 0, album_share: 0, %s}
                """.formatted(channel));
        return SimulatedTdlib.create(Scenario.load(file), time.clock());
    }

    private static long newest(SimSession s, long chat) throws Exception {
        return s.call(new TdFunctions.GetChatHistory(chat, 0, 0, 1, false)).messages().getFirst().id() >> 20;
    }

    private static List<Long> newMessages(List<TdApi.Update> updates) {
        List<Long> ids = new ArrayList<>();
        for (TdApi.Update u : updates) {
            if (u instanceof TdApi.UpdateNewMessage(TdApi.Message m)) {
                ids.add(m.id() >> 20);
            }
        }
        return ids;
    }

    @Test
    void postsArriveWhileAClientRuns_surviveARestart_andStopAtPostCount() throws Exception {
        SimulatedTdlib sim = sim("post_every: 1m, post_count: 5");
        SimSession first = SimSession.open(sim, dir.resolve("db"), true);
        long chat = first.call(new TdFunctions.SearchPublicChat("feed")).id();
        assertThat(newest(first, chat)).isEqualTo(10);
        time.clock().sleep(Duration.ofSeconds(190));
        assertThat(newest(first, chat)).as("three posts in 3 minutes").isEqualTo(13);
        first.closeClient();

        SimSession second = SimSession.open(sim, dir.resolve("db"), true);
        assertThat(newest(second, chat)).as("the posts of the last client are still there").isEqualTo(13);
        time.clock().sleep(Duration.ofMinutes(30));
        assertThat(newest(second, chat)).as("five posts in all").isEqualTo(15);
        second.close();
    }

    @Test
    void onlyAClientWithTheChatOpen_hearsOfNewPosts_andAnEditIsAnnouncedAsContentThenEdited() throws Exception {
        SimulatedTdlib sim = sim("post_every: 1m, post_count: 4, edit_every: 2");
        try (SimSession s = SimSession.open(sim, dir.resolve("db"), true)) {
            List<TdApi.Update> updates = new CopyOnWriteArrayList<>();
            s.client.addUpdateListener(updates::add);
            long chat = s.call(new TdFunctions.SearchPublicChat("feed")).id();
            time.clock().sleep(Duration.ofSeconds(90));
            assertThat(newMessages(updates)).as("the chat is not open").isEmpty();

            s.call(new TdFunctions.OpenChat(chat));
            time.clock().sleep(Duration.ofMinutes(3));

            assertThat(newMessages(updates)).containsExactly(12L, 13L, 14L);
            // messages 12 and 14 are text posts (every 2nd after the first 10); 12 gains its photo with post 13
            assertThat(updates).anySatisfy(u -> assertThat(u).isInstanceOfSatisfying(TdApi.UpdateMessageContent.class, c -> {
                assertThat(c.messageId() >> 20).isEqualTo(12);
                assertThat(c.newContent()).isInstanceOf(TdApi.MessagePhoto.class);
            }));
            TdApi.Message edited = s.call(new TdFunctions.GetMessage(chat, 12L << 20));
            assertThat(edited.content()).isInstanceOf(TdApi.MessagePhoto.class);
            assertThat(edited.editDate()).isPositive();
            assertThat(s.call(new TdFunctions.GetMessage(chat, 14L << 20)).content()).isInstanceOf(TdApi.MessageText.class);

            s.call(new TdFunctions.CloseChat(chat));
            assertThatThrownBy(() -> s.call(new TdFunctions.OpenChat(-1009999999999L)))
                    .isInstanceOfSatisfying(TdException.class, e -> assertThat(e.tdMessage()).isEqualTo("Chat not found"));
        }
    }
}
