package dev.tgdl.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tgdl.config.ProxySpec;
import dev.tgdl.td.TdApi;
import dev.tgdl.td.TdClient;
import dev.tgdl.td.TdCodec;
import dev.tgdl.td.TdFunctions;
import dev.tgdl.td.TdRuntime;
import dev.tgdl.telegram.Chat;
import dev.tgdl.telegram.ChatEvent;
import dev.tgdl.telegram.ChatFeed;
import dev.tgdl.telegram.ChatSummary;
import dev.tgdl.telegram.ForumTopic;
import dev.tgdl.telegram.MediaItem;
import dev.tgdl.telegram.MediaPage;
import dev.tgdl.telegram.MessageThread;
import dev.tgdl.telegram.PageRequest;
import dev.tgdl.telegram.SearchFilter;
import dev.tgdl.telegram.SourceRef;
import dev.tgdl.telegram.TdSession;
import dev.tgdl.telegram.TdTelegram;
import dev.tgdl.telegram.TelegramException;
import dev.tgdl.testing.RecordingTdJson;
import dev.tgdl.testing.TlSchema;
import dev.tgdl.time.TimeSource;
import dev.tgdl.time.VirtualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every object the simulator emits, over a session that touches every request tgdl makes, is a
 * td_api.tl constructor with only that constructor's fields, each of its declared type; and every
 * request tgdl sent is a td_api.tl function with only its fields.
 */
class SimSchemaTest {

    @RegisterExtension
    final VirtualTime time = new VirtualTime();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static TdSession.Options options(RecordingTdJson backend, Path dir, Optional<ProxySpec> proxy) {
        return new TdSession.Options(backend, dir.resolve("db"), dir.resolve("files"), dir.resolve("tdlib.log"), 1, 94575,
                "a3406de8d171bb422bb6ddf3bbd800e2", proxy, "0.1.0", TimeSource.system(), Duration.ofSeconds(20));
    }

    @Test
    void everythingEmittedInAFullSession_conformsToTdApiTl() throws Exception {
        TlSchema schema = TlSchema.load();
        SimulatedTdlib sim = SimulatedTdlib.create(Scenario.builtin().withTimeScale(50), time.clock());
        RecordingTdJson wire = new RecordingTdJson(sim);
        try (TdSession session = TdSession.open(options(wire, dir, ProxySpec.parse("socks5://u:p@127.0.0.1:1080")))) {
            TdTelegram telegram = session.telegram();
            telegram.me();
            telegram.chats(3);
            assertThat(telegram.chats(Integer.MAX_VALUE)).extracting(ChatSummary::type).contains(ChatSummary.Type.values());
            Chat demo = telegram.resolve(SourceRef.parse("@demo"), false).chat();
            telegram.resolve(SourceRef.parse("https://t.me/demo/5"), false);
            telegram.resolve(SourceRef.parse("https://t.me/c/1000000001/7"), false);
            telegram.resolve(SourceRef.parse("https://t.me/+TgdlInvite42"), true);
            telegram.resolve(SourceRef.parse(String.valueOf(demo.id())), false);
            List<MediaItem> items = new ArrayList<>();
            long cursor = 0;
            for (int i = 0; i < 3; i++) {
                MediaPage page = telegram.page(new PageRequest(demo, cursor, Optional.empty()));
                items.addAll(page.items());
                cursor = page.next().orElseThrow();
            }
            telegram.page(new PageRequest(demo, 0, Optional.of(SearchFilter.PHOTO_AND_VIDEO)));
            telegram.page(new PageRequest(demo, 0, Optional.of(SearchFilter.DOCUMENT)));
            telegram.count(demo, Optional.of(SearchFilter.VOICE_AND_VIDEO_NOTE));
            telegram.messageWithAlbum(demo, items.getFirst().messageId());
            for (MediaItem item : items.subList(0, 3)) {
                Path file = time.clock().await(telegram.download(item.file(), 1, (d, t) -> { }).completion(), Duration.ofSeconds(600));
                assertThat(SimFiles.matches(file, item.file().uniqueId(), item.file().size())).isTrue();
                telegram.discardLocalCopy(item.file());
            }
            var cancelled = telegram.download(items.get(4).file(), 1, (d, t) -> { });
            cancelled.cancel();
            telegram.sendText(telegram.savedMessagesChatId(), "schema check");
            assertThatThrownBy(() -> telegram.resolve(SourceRef.parse("@nosuchchannel"), false))
                    .isInstanceOf(TelegramException.class);
            Chat privateChat = telegram.resolve(SourceRef.parse("@private"), false).chat();
            assertThatThrownBy(() -> telegram.page(new PageRequest(privateChat, 0, Optional.empty())))
                    .isInstanceOf(TelegramException.class);
            TdClient client = session.client();
            time.clock().await(client.sendRaw(TdCodec.mapper().createObjectNode().put("@type", "getMessages").put("chat_id", demo.id())
                    .set("message_ids", JSON.createArrayNode().add(5L << 20).add(999_999L << 20))), Duration.ofSeconds(20));
            client.call(new TdFunctions.GetFile(items.getFirst().file().fileId()));
            time.clock().await(client.send(new TdFunctions.GetMessageLinkInfo("https://example.com/nope")).handle((r, e) -> r),
                    Duration.ofSeconds(20));
        }
        sim.close();
        assertConforms(schema, wire);
    }

    @Test
    void liveUpdates_newPostsAndEditsAddingMedia_conformToTdApiTl_andReachTheChatFeed() throws Exception {
        TlSchema schema = TlSchema.load();
        SimulatedTdlib sim = SimulatedTdlib.create(Scenario.bundled("live").withTimeScale(Double.POSITIVE_INFINITY),
                time.clock());
        RecordingTdJson wire = new RecordingTdJson(sim);
        List<ChatEvent> events = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatEvent.MediaAdded> edited = new CompletableFuture<>();
        try (TdSession session = TdSession.open(options(wire, dir, Optional.empty()))) {
            Chat news = session.telegram().resolve(SourceRef.parse("@news"), false).chat();
            ChatFeed.Subscription feed = session.chatFeed().follow(List.of(news.id()), e -> {
                events.add(e);
                if (e instanceof ChatEvent.MediaAdded m) {
                    edited.complete(m);
                }
            });
            try {
                ChatEvent.MediaAdded edit = time.clock().await(edited, Duration.ofHours(1));
                // @news has 30 messages; every 5th later one is a text post that gains a photo with the next post
                assertThat(edit).isEqualTo(new ChatEvent.MediaAdded(news.id(), 35));
            } finally {
                feed.close();
            }
        }
        sim.close();
        List<Long> posts = events.stream().filter(e -> e instanceof ChatEvent.NewPost).map(e -> ((ChatEvent.NewPost) e).messageId())
                .toList();
        assertThat(posts).startsWith(31L, 32L, 33L, 34L, 35L, 36L);
        assertThat(events).contains(new ChatEvent.NewPost(-1001000000201L, 35));
        assertThat(wire.received).anyMatch(d -> d.contains("\"updateMessageEdited\""));
        assertConforms(schema, wire);
    }

    @Test
    void everythingEmittedForForumsAndComments_conformsToTdApiTl() throws Exception {
        TlSchema schema = TlSchema.load();
        SimulatedTdlib sim = SimulatedTdlib.create(Scenario.builtin().withTimeScale(50), time.clock());
        RecordingTdJson wire = new RecordingTdJson(sim);
        try (TdSession session = TdSession.open(options(wire, dir, Optional.empty()))) {
            TdTelegram telegram = session.telegram();
            Chat forum = telegram.resolve(SourceRef.parse("@forum"), false).chat();
            List<ForumTopic> topics = telegram.forumTopics(forum).orElseThrow();
            assertThat(topics).extracting(ForumTopic::name).contains("General", "Photos", "Docs & files", "Off-topic");
            ForumTopic photos = topics.stream().filter(t -> t.name().equals("Photos")).findFirst().orElseThrow();
            MediaPage topicPage = telegram.page(new PageRequest(forum, 0, Optional.empty(), new PageRequest.Scope.Topic(photos)));
            assertThat(topicPage.items()).isNotEmpty().allSatisfy(i -> assertThat(i.thread())
                    .isEqualTo(new MessageThread.Topic(photos.id(), "Photos")));
            telegram.page(new PageRequest(forum, 0, Optional.of(SearchFilter.PHOTO), new PageRequest.Scope.Topic(photos)));
            telegram.page(new PageRequest(forum, 0, Optional.empty()));
            assertThat(telegram.resolve(SourceRef.parse("https://t.me/forum/" + photos.id()), false).topic())
                    .hasValue(photos.id());
            assertThat(telegram.discussionGroup(forum)).isEmpty();

            Chat channel = telegram.resolve(SourceRef.parse("@discuss"), false).chat();
            Chat group = telegram.discussionGroup(channel).orElseThrow();
            assertThat(group.username()).hasValue("discuss_chat");
            MediaPage posts = telegram.page(new PageRequest(channel, 0, Optional.empty()));
            while (posts.commented().isEmpty()) { // the first page holds only the last message, as TDLib's does
                posts = telegram.page(new PageRequest(channel, posts.next().orElseThrow(), Optional.empty()));
            }
            long post = posts.commented().getFirst();
            MediaPage comments = telegram.page(new PageRequest(channel, 0, Optional.empty(),
                    new PageRequest.Scope.Comments(group, post)));
            assertThat(comments.messages()).isPositive();
            for (MediaItem comment : comments.items()) {
                assertThat(comment.chat().id()).isEqualTo(group.id());
                assertThat(telegram.message(group, comment.messageId())).singleElement()
                        .extracting(MediaItem::thread).isEqualTo(new MessageThread.Comment(channel, post));
            }
            assertThat(telegram.forumTopics(channel)).isEmpty();
            TdClient client = session.client();
            // the errors TDLib gives: topics of a chat that is no forum, the thread of a post without comments
            time.clock().await(client.send(new TdFunctions.GetForumTopics(channel.id(), "", 0, 0, 0, 100)).handle((r, e) -> r),
                    Duration.ofSeconds(20));
            time.clock().await(client.sendRaw(TdCodec.mapper().createObjectNode().put("@type", "getForumTopic")
                    .put("chat_id", forum.id()).put("forum_topic_id", photos.id())), Duration.ofSeconds(20));
        }
        sim.close();
        assertConforms(schema, wire);
    }

    @Test
    void everythingEmittedDuringLogins_conformsToTdApiTl() throws Exception {
        TlSchema schema = TlSchema.load();
        Scenario base = Scenario.builtin();
        Scenario.Auth a = base.auth();
        Scenario login = base.withAuth(new Scenario.Auth(false, "", "12345", "secret", "the usual", true, false, false,
                Duration.ofSeconds(2), Duration.ofSeconds(1)));
        SimulatedTdlib sim = SimulatedTdlib.create(login.withTimeScale(20), time.clock());
        RecordingTdJson wire = new RecordingTdJson(sim);
        TdRuntime runtime = TdRuntime.of(wire);
        try (TdClient client = runtime.newClient()) {
            client.call(SimSession.parameters(dir.resolve("phone")));
            client.awaitAuthorizationState(s -> s instanceof TdApi.AuthorizationStateWaitPhoneNumber, SimSession.WAIT);
            client.call(new TdFunctions.SetAuthenticationPhoneNumber("+15550100001"));
            client.awaitAuthorizationState(s -> s instanceof TdApi.AuthorizationStateWaitCode, SimSession.WAIT);
            assertThatThrownBy(() -> client.call(new TdFunctions.CheckAuthenticationCode("00000")))
                    .hasMessageContaining("PHONE_CODE_INVALID");
            client.call(new TdFunctions.CheckAuthenticationCode("12345"));
            client.awaitAuthorizationState(s -> s instanceof TdApi.AuthorizationStateWaitPassword, SimSession.WAIT);
            client.call(new TdFunctions.CheckAuthenticationPassword("secret"));
            client.awaitAuthorizationState(s -> s instanceof TdApi.AuthorizationStateReady, SimSession.WAIT);
        }
        try (TdClient client = runtime.newClient()) {
            client.call(SimSession.parameters(dir.resolve("qr")));
            client.awaitAuthorizationState(s -> s instanceof TdApi.AuthorizationStateWaitPhoneNumber, SimSession.WAIT);
            client.call(new TdFunctions.RequestQrCodeAuthentication(List.of()));
            client.awaitAuthorizationState(s -> s instanceof TdApi.AuthorizationStateWaitPassword, SimSession.WAIT);
        }
        Scenario register = base.withAuth(new Scenario.Auth(false, "", "12345", "", "", false, false, false, a.qrConfirmAfter(),
                a.qrRefresh()));
        SimulatedTdlib sim2 = SimulatedTdlib.create(register, time.clock());
        RecordingTdJson wire2 = new RecordingTdJson(sim2);
        try (TdClient client = TdRuntime.of(wire2).newClient()) {
            client.call(SimSession.parameters(dir.resolve("reg")));
            client.awaitAuthorizationState(s -> s instanceof TdApi.AuthorizationStateWaitPhoneNumber, SimSession.WAIT);
            client.call(new TdFunctions.SetAuthenticationPhoneNumber("+15550100001"));
            client.awaitAuthorizationState(s -> s instanceof TdApi.AuthorizationStateWaitCode, SimSession.WAIT);
            client.call(new TdFunctions.CheckAuthenticationCode("12345"));
            client.awaitAuthorizationState(s -> s instanceof TdApi.AuthorizationStateWaitRegistration, SimSession.WAIT);
        }
        sim.close();
        sim2.close();
        assertConforms(schema, wire);
        assertConforms(schema, wire2);
    }

    private static void assertConforms(TlSchema schema, RecordingTdJson wire) throws Exception {
        List<String> problems = new ArrayList<>();
        for (String doc : wire.received) {
            for (String p : schema.problems(JSON.readTree(doc))) {
                problems.add(p + "   in " + abbreviate(doc));
            }
        }
        for (String request : wire.sent) {
            JsonNode node = JSON.readTree(request);
            for (String p : schema.requestProblems(node)) {
                problems.add("request " + p + "   in " + abbreviate(request));
            }
        }
        assertThat(wire.received).hasSizeGreaterThan(10);
        assertThat(problems).isEmpty();
    }

    private static String abbreviate(String s) {
        return s.length() < 300 ? s : s.substring(0, 300) + "...";
    }
}
