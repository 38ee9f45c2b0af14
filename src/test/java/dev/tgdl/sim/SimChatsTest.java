package dev.tgdl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgdl.td.TdApi;
import dev.tgdl.td.TdFunctions;
import dev.tgdl.time.VirtualTime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Resolving, knowing and paging chats as TDLib does: what reaches the server and what TDLib answers itself. */
class SimChatsTest {

    @RegisterExtension
    final VirtualTime time = new VirtualTime();

    @TempDir
    Path dir;

    @Test
    void secondResolveOfAName_costsNoServerResolve_andConcurrentOnesShareOne() throws Exception {
        try (SimSession s = SimSession.open(Scenario.builtin(), time.clock(), dir)) {
            List<CompletableFuture<TdApi.Chat>> together = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                together.add(s.client.send(new TdFunctions.SearchPublicChat("demo")));
            }
            for (CompletableFuture<TdApi.Chat> f : together) {
                assertThat(time.clock().await(f).id()).isEqualTo(-1001000000001L);
            }
            long before = time.clock().nanos();
            assertThat(s.call(new TdFunctions.SearchPublicChat("@DEMO")).id()).isEqualTo(-1001000000001L);

            assertThat(s.sim.stats().serverResolves()).isEqualTo(1);
            assertThat(time.clock().nanos()).isEqualTo(before); // answered from memory
        }
    }

    @Test
    void afterARestart_theNameIsAnsweredAtOnce_refreshedInTheBackground_andGetChatWorksWithoutIt() throws Exception {
        SimulatedTdlib sim = SimulatedTdlib.create(Scenario.builtin(), time.clock());
        SimSession first = SimSession.open(sim, dir, true);
        long chat = first.call(new TdFunctions.SearchPublicChat("demo")).id();
        first.closeClient();

        SimSession second = SimSession.open(sim, dir, true);
        // the chat database knows the chat: no resolve needed
        assertThat(second.call(new TdFunctions.GetChat(chat)).title()).isEqualTo("tgdl demo");
        assertThat(sim.stats().serverResolves()).isEqualTo(1);
        long before = time.clock().nanos();
        assertThat(second.call(new TdFunctions.SearchPublicChat("demo")).id()).isEqualTo(chat);
        assertThat(time.clock().nanos()).isEqualTo(before);
        time.clock().sleep(java.time.Duration.ofSeconds(1));
        assertThat(sim.stats().serverResolves()).isEqualTo(2);
        second.close();
    }

    @Test
    void history_firstCallOneMessage_thenAboutFiftyPerCall_eachLoadFiftyFromTheServer() throws Exception {
        try (SimSession s = SimSession.open(Scenario.builtin(), time.clock(), dir)) {
            long chat = s.call(new TdFunctions.SearchPublicChat("demo")).id();
            List<Integer> sizes = new ArrayList<>();
            long from = 0;
            while (true) {
                TdApi.Messages page = s.call(new TdFunctions.GetChatHistory(chat, from, 0, 100, false));
                if (page.messages().isEmpty()) {
                    break;
                }
                sizes.add(page.messages().size());
                from = page.messages().getLast().id();
            }
            assertThat(sizes.getFirst()).isEqualTo(1);
            assertThat(sizes.subList(1, sizes.size() - 1)).allSatisfy(n -> assertThat(n).isBetween(40, 51));
            // 300 message ids, 50 a load
            assertThat(s.sim.stats().historyLoads()).isBetween(6L, 7L);
        }
    }

    @Test
    void searchSaysGoOnAfterAShortPage_andDoneOnlyOnAnEmptyOne() throws Exception {
        try (SimSession s = SimSession.open(Scenario.builtin(), time.clock(), dir)) {
            long chat = s.call(new TdFunctions.SearchPublicChat("demo")).id();
            var filter = new TdFunctions.TypeOnly("searchMessagesFilterVideo");
            List<Integer> sizes = new ArrayList<>();
            List<Long> next = new ArrayList<>();
            long from = 0;
            do {
                TdApi.FoundChatMessages page = s.call(new TdFunctions.SearchChatMessages(chat, "", from, 0, 100, filter));
                sizes.add(page.messages().size());
                next.add(page.nextFromMessageId());
                from = page.nextFromMessageId();
            } while (from != 0);
            assertThat(sizes.getLast()).isZero();
            assertThat(sizes.get(sizes.size() - 2)).isBetween(1, 99);
            assertThat(next.subList(0, next.size() - 1)).allSatisfy(n -> assertThat(n).isNotZero());
        }
    }
}
