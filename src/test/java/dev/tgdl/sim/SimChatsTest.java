package dev.tgdl.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tgdl.td.TdApi;
import dev.tgdl.td.TdClient;
import dev.tgdl.td.TdException;
import dev.tgdl.td.TdFunctions;
import dev.tgdl.td.TdRuntime;
import dev.tgdl.testing.RecordingTdJson;
import dev.tgdl.time.VirtualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Resolving, knowing, listing and paging chats as TDLib does: what reaches the server and what TDLib answers itself. */
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
        time.clock().sleep(Duration.ofSeconds(1));
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

    private static final TdFunctions.TypeOnly MAIN = TdFunctions.CHAT_LIST_MAIN;

    /**
     * The built-in account's main chat list, newest activity first: @big's last message is the newest
     * (its 120,000 hourly messages reach past 2038), then Alice (joined 2025-02-01, no messages), the
     * channels by the date of their last message (@forum, @discuss and its group @discuss_chat among them),
     * the basic group (joined 2025-01-05) among them, Bob last (joined 2024-12-01). Not @private (CHANNEL_PRIVATE) nor the invite-only channel (not joined).
     */
    private static final List<Long> BUILTIN_LIST = List.of(-1001000000002L, 777000002L, -1001000000001L, -1001000000006L,
            -1001000000003L, -4000001L, -1001000000010L, -1001000000005L, -1001000000009L, -1001000000007L, -1001000000012L,
            -1001000000011L, 777000003L);

    @Test
    void loadChats_loadsOnePagePerServerQuery_thenAnswers404NotFoundAtOnce() throws Exception {
        try (SimSession s = SimSession.open(Scenario.builtin(), time.clock(), dir)) {
            int pages = 0;
            while (true) {
                long before = time.clock().nanos();
                try {
                    s.call(new TdFunctions.LoadChats(MAIN, 4));
                } catch (TdException e) {
                    assertThat(e.code()).isEqualTo(404);
                    assertThat(e.tdMessage()).isEqualTo("Not Found");
                    assertThat(time.clock().nanos()).as("answered without a server query").isEqualTo(before);
                    break;
                }
                assertThat(time.clock().nanos()).as("a server round trip").isGreaterThan(before);
                pages++;
                // what loadChats loaded, getChats answers at once
                long loaded = time.clock().nanos();
                int expected = Math.min(4 * pages, BUILTIN_LIST.size());
                assertThat(s.call(new TdFunctions.GetChats(MAIN, expected)).chatIds()).isEqualTo(BUILTIN_LIST.subList(0, expected));
                assertThat(time.clock().nanos()).isEqualTo(loaded);
            }
            assertThat(pages).isEqualTo(4); // 4 + 4 + 4 + 1
            TdApi.Chats all = s.call(new TdFunctions.GetChats(MAIN, 100));
            assertThat(all.chatIds()).isEqualTo(BUILTIN_LIST);
            assertThat(all.totalCount()).isEqualTo(BUILTIN_LIST.size());
            assertThatThrownBy(() -> s.call(new TdFunctions.LoadChats(MAIN, 100)))
                    .isInstanceOfSatisfying(TdException.class, e -> assertThat(e.code()).isEqualTo(404));
        }
    }

    @Test
    void getChats_onAFreshClient_loadsWhatItNeedsItself_newestActivityFirst() throws Exception {
        try (SimSession s = SimSession.open(Scenario.builtin(), time.clock(), dir)) {
            long before = time.clock().nanos();
            TdApi.Chats first = s.call(new TdFunctions.GetChats(MAIN, 5));

            assertThat(first.chatIds()).isEqualTo(BUILTIN_LIST.subList(0, 5));
            assertThat(first.totalCount()).isEqualTo(BUILTIN_LIST.size());
            assertThat(time.clock().nanos()).isGreaterThan(before);
        }
    }

    @Test
    void everyChatId_isAnnouncedWithUpdateNewChat_beforeGetChatsReturnsIt() throws Exception {
        ObjectMapper json = new ObjectMapper();
        SimulatedTdlib sim = SimulatedTdlib.create(Scenario.builtin(), time.clock());
        RecordingTdJson wire = new RecordingTdJson(sim);
        try (TdClient client = TdRuntime.of(wire).newClient()) {
            client.call(SimSession.parameters(dir));
            client.awaitAuthorizationState(st -> st instanceof TdApi.AuthorizationStateReady, SimSession.WAIT);
            client.call(new TdFunctions.GetChats(MAIN, 100));
        }
        sim.close();
        Set<Long> announced = new HashSet<>();
        List<Long> returned = new ArrayList<>();
        for (String doc : wire.received) {
            JsonNode node = json.readTree(doc);
            if (node.path("@type").asText().equals("updateNewChat")) {
                announced.add(node.path("chat").path("id").asLong());
            } else if (node.path("@type").asText().equals("chats")) {
                node.path("chat_ids").forEach(id -> returned.add(id.asLong()));
                break;
            }
        }
        assertThat(returned).isEqualTo(BUILTIN_LIST);
        assertThat(announced).containsAll(returned);
    }

    @Test
    void joiningAnInviteOnlyChannel_putsItInTheChatList() throws Exception {
        try (SimSession s = SimSession.open(Scenario.builtin(), time.clock(), dir)) {
            assertThat(s.call(new TdFunctions.GetChats(MAIN, 100)).chatIds()).doesNotContain(-1001000000008L);

            s.call(new TdFunctions.JoinChatByInviteLink("https://t.me/+TgdlInvite42"));

            assertThat(s.call(new TdFunctions.GetChats(MAIN, 100)).chatIds()).hasSize(BUILTIN_LIST.size() + 1)
                    .contains(-1001000000008L);
        }
    }

    @Test
    void usersAndBasicGroupsOfTheList_areKnownOnceLoaded_andHaveNoMessages() throws Exception {
        try (SimSession s = SimSession.open(Scenario.builtin(), time.clock(), dir)) {
            assertThatThrownBy(() -> s.call(new TdFunctions.GetUser(777000002L)))
                    .isInstanceOfSatisfying(TdException.class, e -> assertThat(e.tdMessage()).isEqualTo("User not found"));
            assertThatThrownBy(() -> s.call(new TdFunctions.GetBasicGroup(4000001L)))
                    .isInstanceOfSatisfying(TdException.class, e -> assertThat(e.tdMessage()).isEqualTo("Group not found"));
            assertThatThrownBy(() -> s.call(new TdFunctions.GetChat(-4000001L)))
                    .isInstanceOfSatisfying(TdException.class, e -> assertThat(e.tdMessage()).isEqualTo("Chat not found"));

            s.call(new TdFunctions.GetChats(MAIN, 100));

            TdApi.User alice = s.call(new TdFunctions.GetUser(777000002L));
            assertThat(alice.firstName()).isEqualTo("Alice Example");
            assertThat(alice.usernames().activeUsernames()).containsExactly("alice_example");
            assertThat(s.call(new TdFunctions.GetBasicGroup(4000001L)).memberCount()).isEqualTo(5);
            TdApi.Chat family = s.call(new TdFunctions.GetChat(-4000001L));
            assertThat(family.title()).isEqualTo("tgdl family");
            assertThat(family.type()).isEqualTo(new TdApi.ChatTypeBasicGroup(4000001L));
            assertThat(s.call(new TdFunctions.GetChat(-1001000000009L)).type())
                    .isEqualTo(new TdApi.ChatTypeSupergroup(1000000009L, false));
            assertThat(s.call(new TdFunctions.GetChatHistory(777000002L, 0, 0, 100, false)).messages()).isEmpty();
        }
    }

    @Test
    void otherChatLists_andBadLimits_answerAsTdlibDoes() throws Exception {
        try (SimSession s = SimSession.open(Scenario.builtin(), time.clock(), dir)) {
            var archive = new TdFunctions.TypeOnly("chatListArchive");
            assertThatThrownBy(() -> s.call(new TdFunctions.LoadChats(archive, 10)))
                    .isInstanceOfSatisfying(TdException.class, e -> assertThat(e.code()).isEqualTo(404));
            assertThat(s.call(new TdFunctions.GetChats(archive, 10)).chatIds()).isEmpty();
            assertThatThrownBy(() -> s.call(new TdFunctions.GetChats(new TdFunctions.TypeOnly("chatListFolder"), 10)))
                    .isInstanceOfSatisfying(TdException.class, e -> assertThat(e.tdMessage()).isEqualTo("Chat list not found"));
            for (TdApi.Function<?> zero : List.<TdApi.Function<?>>of(new TdFunctions.LoadChats(MAIN, 0),
                    new TdFunctions.GetChats(MAIN, 0))) {
                assertThatThrownBy(() -> s.call(zero)).as(zero.type()).isInstanceOfSatisfying(TdException.class,
                        e -> assertThat(e.tdMessage()).isEqualTo("Parameter limit must be positive"));
            }
        }
    }
}
