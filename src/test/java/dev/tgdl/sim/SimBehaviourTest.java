package dev.tgdl.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgdl.td.FloodWaitException;
import dev.tgdl.td.TdApi;
import dev.tgdl.td.TdException;
import dev.tgdl.td.TdFunctions;
import dev.tgdl.time.TimeSource;
import dev.tgdl.time.VirtualTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What the simulator models: bytes, resumes, limits and flood waits, time, paging, links, growth, faults. */
class SimBehaviourTest {

    @RegisterExtension
    final VirtualTime time = new VirtualTime();

    @TempDir
    Path dir;

    private Scenario scenario(String yaml) throws Exception {
        Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, yaml);
        return Scenario.load(file);
    }

    private static long chatOf(SimSession s, String username) throws Exception {
        return s.call(new TdFunctions.SearchPublicChat(username)).id();
    }

    private static TdApi.File awaitDownload(SimSession s, int fileId) throws Exception {
        CompletableFuture<TdApi.File> done = new CompletableFuture<>();
        s.client.addUpdateListener(u -> {
            if (u instanceof TdApi.UpdateFile(TdApi.File f) && f.id() == fileId && !f.local().isDownloadingActive()) {
                done.complete(f);
            }
        });
        TdApi.File answer = s.call(new TdFunctions.DownloadFile(fileId, 1, 0, 0, false));
        if (answer.local().isDownloadingCompleted()) {
            return answer;
        }
        return s.client.clock().await(done, Duration.ofMinutes(10));
    }

    private static List<TdApi.Message> allHistory(SimSession s, long chat) throws Exception {
        List<TdApi.Message> all = new ArrayList<>();
        long from = 0;
        while (true) {
            TdApi.Messages page = s.call(new TdFunctions.GetChatHistory(chat, from, 0, 100, false));
            if (page.messages().isEmpty()) {
                return all;
            }
            all.addAll(page.messages());
            from = page.messages().getLast().id();
        }
    }

    @Test
    void downloadedFile_hasTheDeterministicBytes_inItsTypeFolder_andNoPartialLeft() throws Exception {
        try (SimSession s = SimSession.open(Scenario.builtin().withTimeScale(100), time.clock(), dir)) {
            long chat = chatOf(s, "demo");
            TdApi.Message message = s.call(new TdFunctions.GetMessage(chat, 3L << 20));
            TdApi.File file = ((TdApi.MessageDocument) message.content()).document().document();

            TdApi.File done = awaitDownload(s, file.id());

            Path path = Path.of(done.local().path());
            assertThat(done.local().isDownloadingCompleted()).isTrue();
            assertThat(path.getParent().getFileName().toString()).isEqualTo("documents");
            assertThat(SimFiles.matches(path, file.remote().uniqueId(), file.size())).isTrue();
            try (var temp = Files.list(dir.resolve("files/temp"))) {
                assertThat(temp.toList()).isEmpty();
            }
        }
    }

    @Test
    void partialDownload_resumesAfterARestart_sendingOnlyTheRest() throws Exception {
        Scenario slow = scenario("""
                time_scale: 50
                limits: {bandwidth: 100KB}
                channels:
                  - {username: resume, id: 2000000001, messages: 3, text_share: 0, deleted_share: 0, album_share: 0,
                     media: {document: 1}, sizes: {median: 2MB, sigma: 0, min: 2MB, max: 2MB}}
                """);
        SimulatedTdlib sim = SimulatedTdlib.create(slow, time.clock());
        SimSession first = SimSession.open(sim, dir, true);
        long chat = chatOf(first, "resume");
        TdApi.File file = ((TdApi.MessageDocument) first.call(new TdFunctions.GetMessage(chat, 1L << 20)).content())
                .document().document();
        CompletableFuture<Long> halfway = new CompletableFuture<>();
        first.client.addUpdateListener(u -> {
            if (u instanceof TdApi.UpdateFile(TdApi.File f) && f.local().downloadedPrefixSize() > 700_000) {
                halfway.complete(f.local().downloadedPrefixSize());
            }
        });
        first.call(new TdFunctions.DownloadFile(file.id(), 1, 0, 0, false));
        time.clock().await(halfway, Duration.ofSeconds(30));
        first.closeClient();
        long servedBefore = sim.stats().bytesServed();

        SimSession second = SimSession.open(sim, dir, true);
        chatOf(second, "resume");
        TdApi.File resumed = second.call(new TdFunctions.GetFile(file.id()));
        // the parts written before (not only the prefix: parts may finish out of order) are not fetched again
        assertThat(resumed.local().downloadedSize()).isEqualTo(servedBefore);
        assertThat(resumed.local().downloadedPrefixSize()).isLessThanOrEqualTo(servedBefore);
        TdApi.File done = awaitDownload(second, file.id());

        assertThat(SimFiles.matches(Path.of(done.local().path()), file.remote().uniqueId(), file.size())).isTrue();
        assertThat(sim.stats().bytesServed()).isEqualTo(file.size());
        assertThat(servedBefore).isBetween(700_000L, file.size() - 1);
        second.close();
    }

    @Test
    void clientThatIgnoresWaits_getsEscalatingWaits_thenTooManyRequests() throws Exception {
        Scenario tight = scenario("""
                time_scale: 200
                limits:
                  history: {rate: 1, burst: 2}
                  flood: {base: 10s, factor: 2, max: 1h, window: 30m}
                channels:
                  - {username: tight, id: 2000000002, messages: 50}
                """);
        try (SimSession s = SimSession.open(tight, time.clock(), dir)) {
            long chat = chatOf(s, "tight");
            List<CompletableFuture<TdApi.FoundChatMessages>> calls = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                calls.add(s.client.send(new TdFunctions.SearchChatMessages(chat, "", 0, 0, 10,
                        new TdFunctions.TypeOnly("searchMessagesFilterEmpty"))));
            }
            List<Integer> retryAfter = new CopyOnWriteArrayList<>();
            for (CompletableFuture<TdApi.FoundChatMessages> call : calls) {
                try {
                    time.clock().await(call, Duration.ofSeconds(600));
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof FloodWaitException f) {
                        retryAfter.add(f.retryAfterSeconds());
                    }
                }
            }
            SimStats stats = s.sim.stats();
            assertThat(stats.floodWaitsIssued()).isGreaterThanOrEqualTo(3);
            assertThat(stats.tooManyRequests()).isPositive();
            // X is the wait that would have passed TDLib's 60 s, not the sum
            assertThat(retryAfter).isNotEmpty().allMatch(x -> x > 0);
            assertThat(stats.floodWaitSecondsImposed()).isGreaterThanOrEqualTo(10 + 20 + 40);
        }
    }

    @Test
    void clientThatKeepsToTheRate_seesNoFloodWait() throws Exception {
        Scenario tight = scenario("""
                time_scale: 100
                limits:
                  history: {rate: 2, burst: 2}
                channels:
                  - {username: tight, id: 2000000002, messages: 50}
                """);
        TimeSource clock = time.clock();
        try (SimSession s = SimSession.open(tight, clock, dir)) {
            long chat = chatOf(s, "tight");
            for (int i = 0; i < 20; i++) {
                s.call(new TdFunctions.GetChatHistory(chat, 0, 0, 10, false));
                clock.sleep(Duration.ofMillis(600));
            }
            assertThat(s.sim.stats().floodWaitsIssued()).isZero();
            assertThat(s.sim.stats().requests("getChatHistory")).isEqualTo(20);
        }
    }

    @Test
    void shortWait_isAbsorbed_theAnswerComesThatMuchLater() throws Exception {
        Scenario tight = scenario("""
                time_scale: 100
                limits:
                  latency: 100ms
                  history: {rate: 0.01, burst: 1}
                  flood: {base: 20s, factor: 2, max: 1h, window: 10m}
                channels:
                  - {username: tight, id: 2000000002, messages: 50}
                """);
        TimeSource clock = time.clock();
        try (SimSession s = SimSession.open(tight, clock, dir)) {
            long chat = chatOf(s, "tight");
            var all = new TdFunctions.TypeOnly("searchMessagesFilterEmpty");
            s.call(new TdFunctions.SearchChatMessages(chat, "", 0, 0, 10, all));
            long start = clock.nanos();
            s.call(new TdFunctions.SearchChatMessages(chat, "", 0, 0, 10, all));
            Duration took = clock.since(start);
            assertThat(took).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(45));
            assertThat(s.sim.stats().floodWaitsAbsorbed()).isPositive();
            assertThat(s.sim.stats().tooManyRequests()).isZero();
        }
    }

    @Test
    void sixMegabytesAtOneHundredKilobytesPerSecond_takeSixtySimulatedSeconds() throws Exception {
        Scenario slow = scenario("""
                time_scale: 100
                limits: {bandwidth: 100KB, latency: 10ms}
                channels:
                  - {username: resume, id: 2000000001, messages: 1, text_share: 0, deleted_share: 0, album_share: 0,
                     media: {document: 1}, sizes: {median: 6MB, sigma: 0, min: 6MB, max: 6MB}}
                """);
        try (SimSession s = SimSession.open(slow, time.clock(), dir)) {
            long chat = chatOf(s, "resume");
            TdApi.File file = ((TdApi.MessageDocument) s.call(new TdFunctions.GetMessage(chat, 1L << 20)).content())
                    .document().document();
            long start = time.clock().nanos();
            awaitDownload(s, file.id());
            double seconds = (time.clock().nanos() - start) / 1e9;
            assertThat(seconds).isBetween(60.0, 60.5);
        }
    }

    @Test
    void history_firstPageHasOneMessage_pagesExcludeTheirStart_andCoverEveryMessageOnce() throws Exception {
        try (SimSession s = SimSession.open(Scenario.builtin().withTimeScale(200), time.clock(), dir)) {
            long chat = chatOf(s, "demo");
            TdApi.Messages first = s.call(new TdFunctions.GetChatHistory(chat, 0, 0, 100, false));
            assertThat(first.messages()).hasSize(1);
            List<TdApi.Message> all = allHistory(s, chat);
            List<Long> ids = all.stream().map(m -> m.id() >> 20).toList();
            assertThat(ids).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
            ChannelModel model = (ChannelModel) Scenario.builtin().channel("demo").orElseThrow();
            Set<Long> expected = new HashSet<>();
            for (long id = 1; id <= model.messageCount(1); id++) {
                if (model.message(id, 1).isPresent()) {
                    expected.add(id);
                }
            }
            assertThat(new HashSet<>(ids)).isEqualTo(expected);
            assertThat(expected).hasSizeLessThan(300); // some ids are deleted
        }
    }

    @Test
    void searchWithAFilter_andItsCount_agreeWithTheModel() throws Exception {
        try (SimSession s = SimSession.open(Scenario.builtin().withTimeScale(200), time.clock(), dir)) {
            long chat = chatOf(s, "demo");
            Set<Long> found = new HashSet<>();
            long from = 0;
            do {
                TdApi.FoundChatMessages page = s.call(new TdFunctions.SearchChatMessages(chat, "", from, 0, 100,
                        new TdFunctions.TypeOnly("searchMessagesFilterPhotoAndVideo")));
                page.messages().forEach(m -> found.add(m.id() >> 20));
                assertThat(page.messages()).allMatch(m -> m.content() instanceof TdApi.MessagePhoto
                        || m.content() instanceof TdApi.MessageVideo);
                from = page.nextFromMessageId();
            } while (from != 0);
            Set<Long> expected = Scenario.builtin().channel("demo").orElseThrow().media(1)
                    .filter(m -> m.type().equals("photo") || m.type().equals("video"))
                    .map(SimMedia::serverMessageId).collect(Collectors.toSet());
            assertThat(found).isEqualTo(expected);
            TdApi.Count count = s.call(new TdFunctions.GetChatMessageCount(chat,
                    new TdFunctions.TypeOnly("searchMessagesFilterPhotoAndVideo"), false));
            assertThat(count.count()).isEqualTo(expected.size());
        }
    }

    @Test
    void links_resolve_andInviteOnlyChatsNeedAJoin() throws Exception {
        try (SimSession s = SimSession.open(Scenario.builtin().withTimeScale(200), time.clock(), dir)) {
            TdApi.MessageLinkInfo pub = s.call(new TdFunctions.GetMessageLinkInfo("https://t.me/demo/5"));
            assertThat(pub.chatId()).isEqualTo(-1001000000001L);
            assertThat(pub.message().id()).isEqualTo(5L << 20);
            TdApi.MessageLinkInfo priv = s.call(new TdFunctions.GetMessageLinkInfo("https://t.me/c/1000000008/3"));
            assertThat(priv.chatId()).isZero();
            assertThat(priv.message()).isNull();
            assertThatThrownBy(() -> s.call(new TdFunctions.GetMessageLinkInfo("https://t.me/")))
                    .isInstanceOfSatisfying(TdException.class, e -> assertThat(e.tdMessage()).isEqualTo("Invalid message link URL"));

            TdApi.ChatInviteLinkInfo before = s.call(new TdFunctions.CheckChatInviteLink("https://t.me/+TgdlInvite42"));
            assertThat(before.chatId()).isZero();
            assertThat(before.title()).isEqualTo("tgdl invite-only");
            TdApi.ChatJoinResult joined = s.call(new TdFunctions.JoinChatByInviteLink("https://t.me/+TgdlInvite42"));
            assertThat(joined).isEqualTo(new TdApi.ChatJoinResultSuccess(-1001000000008L));
            assertThat(s.call(new TdFunctions.CheckChatInviteLink("https://t.me/joinchat/TgdlInvite42")).chatId())
                    .isEqualTo(-1001000000008L);
            assertThat(s.call(new TdFunctions.GetMessageLinkInfo("https://t.me/c/1000000008/3")).chatId())
                    .isEqualTo(-1001000000008L);
        }
    }

    @Test
    void unknownAndPrivateChats_answerTdlibsErrors() throws Exception {
        try (SimSession s = SimSession.open(Scenario.builtin().withTimeScale(200), time.clock(), dir)) {
            assertThatThrownBy(() -> s.call(new TdFunctions.SearchPublicChat("nosuchchannel")))
                    .isInstanceOfSatisfying(TdException.class, e -> assertThat(e.tdMessage()).isEqualTo("USERNAME_NOT_OCCUPIED"));
            assertThatThrownBy(() -> s.call(new TdFunctions.SearchPublicChat("a!")))
                    .isInstanceOfSatisfying(TdException.class, e -> assertThat(e.tdMessage()).isEqualTo("USERNAME_INVALID"));
            assertThatThrownBy(() -> s.call(new TdFunctions.GetChat(-1001000000001L)))
                    .isInstanceOfSatisfying(TdException.class, e -> assertThat(e.tdMessage()).isEqualTo("Chat not found"));
            long priv = chatOf(s, "private");
            assertThatThrownBy(() -> s.call(new TdFunctions.GetChatHistory(priv, 0, 0, 10, false)))
                    .isInstanceOfSatisfying(TdException.class, e -> assertThat(e.tdMessage()).isEqualTo("CHANNEL_PRIVATE"));
        }
    }

    @Test
    void growingChannel_hasMoreMessagesAtEachClientStart() throws Exception {
        SimulatedTdlib sim = SimulatedTdlib.create(Scenario.builtin().withTimeScale(200), time.clock());
        SimSession first = SimSession.open(sim, dir, true);
        long chat = chatOf(first, "growing");
        int before = allHistory(first, chat).size();
        first.closeClient();
        SimSession second = SimSession.open(sim, dir, true);
        chatOf(second, "growing");
        int after = allHistory(second, chat).size();
        second.close();
        assertThat(after - before).isEqualTo(20);
    }

    @Test
    void flakyChannel_stallsAndFailsSomeDownloads_andFlapsTheConnection() throws Exception {
        try (SimSession s = SimSession.open(Scenario.builtin().withTimeScale(300), time.clock(), dir)) {
            List<String> states = new CopyOnWriteArrayList<>();
            s.client.addUpdateListener(u -> {
                if (u instanceof TdApi.UpdateConnectionState(TdApi.ConnectionState state)) {
                    states.add(state.getClass().getSimpleName());
                }
            });
            long chat = chatOf(s, "flaky");
            List<TdApi.Message> all = allHistory(s, chat);
            for (TdApi.Message m : all) {
                TdApi.File f = switch (m.content()) {
                    case TdApi.MessageDocument d -> d.document().document();
                    case TdApi.MessagePhoto p -> p.photo().sizes().getLast().photo();
                    case TdApi.MessageVideo v -> v.video().video();
                    default -> null;
                };
                if (f != null) {
                    s.call(new TdFunctions.DownloadFile(f.id(), 1, 0, 0, false));
                }
            }
            time.clock().sleep(Duration.ofMinutes(10));
            SimStats stats = s.sim.stats();
            assertThat(stats.downloadsStalled()).isPositive();
            assertThat(stats.downloadsFailed()).isPositive();
            assertThat(stats.downloadsCompleted()).isPositive();
            assertThat(states).contains("ConnectionStateConnecting", "ConnectionStateReady");
        }
    }
}
