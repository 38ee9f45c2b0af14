package dev.tgdl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tgdl.sim.Scenario;
import dev.tgdl.sim.SimChannel;
import dev.tgdl.sim.SimFiles;
import dev.tgdl.sim.SimMedia;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forum topics ({@code --topic}, topic links, {@code {topic}}) and the comments of channel posts
 * ({@code --comments}) through the real command line against the simulator's @forum and @discuss.
 */
class ThreadsCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SimChannel FORUM = Scenario.builtin().channel("forum").orElseThrow();
    private static final long PHOTOS = 2;
    private static final long DOCS = 3;
    private static final long OFF_TOPIC = 4;

    @TempDir
    Path home;

    private CliRun tgdl() {
        return new CliRun(home);
    }

    private static List<SimMedia> media(String channel) {
        return Scenario.builtin().channel(channel).orElseThrow().media(1).toList();
    }

    private static List<SimMedia> topic(long id) {
        return FORUM.media(1).filter(m -> FORUM.topicOf(m.serverMessageId()) == id).toList();
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    /** The files of {@code folder} by the message id their names start with. */
    private static Map<Long, Path> byId(Path folder) throws IOException {
        return files(folder).stream().collect(Collectors.toMap(ThreadsCliTest::idOf, p -> p));
    }

    private static long idOf(Path p) {
        String name = p.getFileName().toString();
        return Long.parseLong(name.substring(0, name.indexOf('_')));
    }

    /** {@code folder} holds exactly {@code expected}, each with the simulator's bytes. */
    private static void assertExactly(Path folder, List<SimMedia> expected) throws IOException {
        Map<Long, Path> found = byId(folder);
        assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(expected.stream().map(SimMedia::serverMessageId).toList());
        for (SimMedia m : expected) {
            assertThat(SimFiles.matches(found.get(m.serverMessageId()), m.uniqueId(), m.size()))
                    .as("bytes of message %d", m.serverMessageId()).isTrue();
        }
    }

    @Test
    void topicByName_downloadsThatTopicOnly_andTheSimulatorStartedNoOtherFile() throws IOException {
        Path out = home.resolve("out");
        CliRun.Result r = tgdl().run("--simulate", "download", "@forum", "--topic", "photos", "-o", out.toString(), "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<SimMedia> expected = topic(PHOTOS);
        assertThat(expected).isNotEmpty().hasSizeLessThan(FORUM.media(1).toList().size());
        assertExactly(out.resolve("forum"), expected);
        JsonNode stats = JSON.readTree(r.out());
        assertThat(stats.path("successful_downloads").asLong()).isEqualTo(expected.size());
        assertThat(stats.path("simulator").path("downloads_started").asLong()).isEqualTo(expected.size());
        assertThat(stats.path("simulator").path("requests_by_method").has("getForumTopicHistory")).isTrue();
        assertThat(stats.path("simulator").path("requests_by_method").has("getChatHistory")).isFalse();
    }

    @Test
    void topicById_withTopicTemplate_putsTheTopicInItsNamedFolder() throws IOException {
        Path out = home.resolve("out");
        CliRun.Result r = tgdl().run("--simulate", "download", "@forum", "--topic", String.valueOf(DOCS), "-o", out.toString(),
                "--template", "{topic}/{message_id}_{file_name}", "--no-progress");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.list(out).map(p -> p.getFileName().toString()).toList()).containsExactly("Docs & files");
        assertExactly(out.resolve("Docs & files"), topic(DOCS));
    }

    @Test
    void wholeForum_topicTemplate_putsEveryFileInItsTopicsFolder() throws IOException {
        Path out = home.resolve("out");
        CliRun.Result r = tgdl().run("--simulate", "download", "@forum", "-o", out.toString(),
                "--template", "{chat}/{topic}/{message_id}_{file_name}", "--no-progress");

        assertThat(r.exitCode()).as(r.err()).isZero();
        Map<Long, String> names = Map.of(1L, "General", PHOTOS, "Photos", DOCS, "Docs & files", OFF_TOPIC, "Off-topic");
        for (Map.Entry<Long, String> t : names.entrySet()) {
            assertExactly(out.resolve("forum").resolve(t.getValue()), topic(t.getKey()));
        }
        assertThat(files(out)).hasSize(FORUM.media(1).toList().size());
    }

    @Test
    void topicLink_downloadsTheWholeTopic_andASecondRunSkipsIt() throws IOException {
        Path out = home.resolve("out");
        String link = "https://t.me/forum/" + OFF_TOPIC;
        CliRun.Result r = tgdl().run("--simulate", "download", link, "-o", out.toString(), "--no-progress");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertExactly(out.resolve("forum"), topic(OFF_TOPIC));

        JsonNode again = JSON.readTree(tgdl().run("--simulate", "download", link, "-o", out.toString(), "--json").out());
        assertThat(again.path("successful_downloads").asLong()).isZero();
        assertThat(again.path("simulator").path("downloads_started").asLong()).isZero();
        assertThat(again.path("skipped").asLong()).isEqualTo(topic(OFF_TOPIC).size());
    }

    @Test
    void privateTopicLink_downloadsTheWholeTopic() throws IOException {
        Path out = home.resolve("out");
        CliRun.Result r = tgdl().run("--simulate", "download", "https://t.me/c/1000000010/" + DOCS, "-o", out.toString(),
                "--no-progress");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertExactly(out.resolve("forum"), topic(DOCS));
    }

    @Test
    void messageLinkInATopic_downloadsThatMessage_namedForItsTopic() throws IOException {
        Path out = home.resolve("out");
        SimMedia first = topic(PHOTOS).getFirst();
        CliRun.Result r = tgdl().run("--simulate", "download", "https://t.me/forum/" + PHOTOS + "/" + first.serverMessageId(),
                "-o", out.toString(), "--template", "{topic}/{message_id}_{file_name}", "--no-progress");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertExactly(out.resolve("Photos"), List.of(first));
    }

    @Test
    void threadMessageLinks_inChatsThatAreNoForum_downloadThatMessage() throws IOException {
        SimChannel group = Scenario.builtin().channel("discuss_chat").orElseThrow();
        SimMedia comment = media("discuss_chat").getFirst();
        long thread = comment.serverMessageId();
        while (thread > 1 && group.postOf(thread - 1) == group.postOf(comment.serverMessageId())) {
            thread--; // the thread's top message: the post's forward, the first of its block
        }
        SimMedia chatter = media("chatter").get(1);
        Path comments = home.resolve("comments");
        Path replies = home.resolve("replies");

        CliRun.Result privateLink = tgdl().run("--simulate", "download",
                "https://t.me/c/1000000012/" + thread + "/" + comment.serverMessageId(), "-o", comments.toString(),
                "--no-progress");
        CliRun.Result publicLink = tgdl().run("--simulate", "download",
                "https://t.me/chatter/" + media("chatter").getFirst().serverMessageId() + "/" + chatter.serverMessageId(),
                "-o", replies.toString(), "--no-progress");

        assertThat(privateLink.exitCode()).as(privateLink.out() + privateLink.err()).isZero();
        assertExactly(comments.resolve("discuss_chat"), List.of(comment));
        assertThat(publicLink.exitCode()).as(publicLink.out() + publicLink.err()).isZero();
        assertExactly(replies.resolve("chatter"), List.of(chatter));
    }

    @Test
    void comments_landUnderTheirPost_areInTheManifest_andASecondRunFetchesNothing() throws IOException, SQLException {
        Path out = home.resolve("out");
        CliRun.Result r = tgdl().run("--simulate", "download", "@discuss", "--comments", "-o", out.toString(), "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        SimChannel group = Scenario.builtin().channel("discuss_chat").orElseThrow();
        List<SimMedia> posts = media("discuss");
        List<SimMedia> comments = media("discuss_chat");
        assertThat(comments).isNotEmpty();
        Path channel = out.resolve("discuss");
        try (Stream<Path> top = Files.list(channel)) {
            assertThat(top.filter(Files::isRegularFile).map(ThreadsCliTest::idOf).toList())
                    .containsExactlyInAnyOrderElementsOf(posts.stream().map(SimMedia::serverMessageId).toList());
        }
        Map<Long, List<SimMedia>> byPost = comments.stream().collect(Collectors.groupingBy(m -> group.postOf(m.serverMessageId())));
        for (Map.Entry<Long, List<SimMedia>> post : byPost.entrySet()) {
            assertExactly(channel.resolve(post.getKey() + "_comments"), post.getValue());
        }
        Map<Long, String> recorded = manifestPaths(-1_001_000_000_012L);
        for (SimMedia comment : comments) {
            assertThat(recorded.get(comment.serverMessageId())).as("manifest row of comment %d", comment.serverMessageId())
                    .isEqualTo(channel.resolve(group.postOf(comment.serverMessageId()) + "_comments")
                            .resolve(byId(channel.resolve(group.postOf(comment.serverMessageId()) + "_comments"))
                                    .get(comment.serverMessageId()).getFileName()).toString());
        }
        JsonNode stats = JSON.readTree(r.out());
        assertThat(stats.path("successful_downloads").asLong()).isEqualTo(posts.size() + comments.size());

        CliRun.Result rerun = tgdl().run("--simulate", "download", "@discuss", "--comments", "-o", out.toString(), "--json");
        JsonNode again = JSON.readTree(rerun.out());
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(again.path("exit_code").asInt()).isZero();
        assertThat(again.path("simulator").path("downloads_started").asLong()).isZero();
    }

    @Test
    void limit_takesTheNewestPostsFirst_eachPostsOwnFilesThenItsComments() throws IOException {
        Path out = home.resolve("out");
        JsonNode stats = JSON.readTree(tgdl().run("--simulate", "download", "@discuss", "--comments", "--limit", "5", "-o",
                out.toString(), "--json").out());

        SimChannel group = Scenario.builtin().channel("discuss_chat").orElseThrow();
        record Taken(long post, int comment, long id) {
        }
        List<Taken> order = Stream.concat(
                        media("discuss").stream().map(m -> new Taken(m.serverMessageId(), 0, m.serverMessageId())),
                        media("discuss_chat").stream().map(m -> new Taken(group.postOf(m.serverMessageId()), 1,
                                m.serverMessageId())))
                .sorted(Comparator.comparingLong(Taken::post).reversed().thenComparingInt(Taken::comment)
                        .thenComparing(Comparator.comparingLong(Taken::id).reversed()))
                .limit(5).toList();
        assertThat(order).as("the newest five mix posts and comments").extracting(Taken::comment).contains(0, 1);
        assertThat(stats.path("exit_code").asInt()).isZero();
        assertThat(stats.path("successful_downloads").asLong()).isEqualTo(5);
        Path channel = out.resolve("discuss");
        assertThat(files(out)).containsExactlyInAnyOrderElementsOf(order.stream()
                .map(t -> t.comment() == 0 ? byIdOrMissing(channel, t.id())
                        : byIdOrMissing(channel.resolve(t.post() + "_comments"), t.id()))
                .toList());
    }

    /** The file of message {@code id} directly in {@code folder}; a path that does not exist when there is none. */
    private static Path byIdOrMissing(Path folder, long id) {
        try (Stream<Path> list = Files.exists(folder) ? Files.list(folder) : Stream.empty()) {
            return list.filter(Files::isRegularFile).filter(p -> idOf(p) == id).findFirst()
                    .orElse(folder.resolve(id + "_missing"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest's done rows of a chat: message id to path. */
    private Map<Long, String> manifestPaths(long chatId) throws SQLException, IOException {
        Path db;
        try (Stream<Path> walk = Files.walk(home.resolve("data"))) {
            db = walk.filter(p -> p.getFileName().toString().equals("manifest.db")).findFirst().orElseThrow();
        }
        Map<Long, String> paths = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             PreparedStatement s = c.prepareStatement("SELECT message_id, path FROM items WHERE chat_id = ? AND status = 'done'")) {
            s.setLong(1, chatId);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    paths.put(rows.getLong(1), rows.getString(2));
                }
            }
        }
        return paths;
    }

    @Test
    void topicRunStoppedEarly_isResumedByTheNextRun() throws IOException {
        Path out = home.resolve("out");
        CliRun.Result stopped = tgdl().run("--simulate", "download", "@forum", "--topic", "Photos", "--max-duration",
                "500ms", "-o", out.toString(), "--json");
        CliRun.Result resumed = tgdl().run("--simulate", "download", "@forum", "--topic", "Photos", "-o", out.toString(),
                "--json");
        JsonNode first = JSON.readTree(stopped.out());
        JsonNode second = JSON.readTree(resumed.out());

        // the process's exit codes, not only the JSON's: a run that failed prints no JSON, and a missing field reads 0
        assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(5);
        assertThat(first.path("exit_code").asInt()).isEqualTo(5);
        assertThat(first.path("successful_downloads").asLong()).isLessThan(topic(PHOTOS).size());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(second.path("exit_code").asInt()).isZero();
        // files whose download ended while the first run stopped are in place and skipped now: count the disk
        assertExactly(out.resolve("forum"), topic(PHOTOS));
        assertThat(second.path("failed").asLong()).isZero();
    }

    @Test
    void filesLeftPendingInOtherTopics_areLeftForTheirOwnRuns() throws IOException {
        Path out = home.resolve("out");
        CliRun.Result stopped = tgdl().run("--simulate", "download", "@forum", "--max-duration", "500ms", "-o",
                out.toString(), "--json");
        assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(5);
        assertThat(JSON.readTree(stopped.out()).path("exit_code").asInt()).isEqualTo(5);
        List<Path> before = files(out);

        CliRun.Result topicRun = tgdl().run("--simulate", "download", "@forum", "--topic", "Photos", "-o",
                out.toString(), "--json");
        JsonNode photos = JSON.readTree(topicRun.out());

        assertThat(topicRun.exitCode()).as(topicRun.err()).isZero();
        assertThat(photos.path("exit_code").asInt()).isZero();
        List<Long> photoIds = topic(PHOTOS).stream().map(SimMedia::serverMessageId).toList();
        List<Path> added = files(out).stream().filter(p -> !before.contains(p)).toList();
        assertThat(added).isNotEmpty().allSatisfy(p -> assertThat(photoIds).contains(idOf(p)));
        assertThat(photos.path("simulator").path("downloads_started").asLong()).isEqualTo(added.size());
    }

    @Test
    void commentsRunStoppedEarly_isResumed_withTheCommentsStillUnderTheirPost() throws IOException {
        Path out = home.resolve("out");
        CliRun.Result stopped = tgdl().run("--simulate", "download", "@discuss", "--comments", "--max-duration", "4s",
                "-o", out.toString(), "--json");
        CliRun.Result resumed = tgdl().run("--simulate", "download", "@discuss", "--comments", "-o", out.toString(),
                "--json");

        assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(5);
        assertThat(JSON.readTree(stopped.out()).path("exit_code").asInt()).isEqualTo(5);
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(JSON.readTree(resumed.out()).path("exit_code").asInt()).isZero();
        SimChannel group = Scenario.builtin().channel("discuss_chat").orElseThrow();
        List<SimMedia> comments = media("discuss_chat");
        try (Stream<Path> top = Files.list(out.resolve("discuss"))) {
            assertThat(top.filter(Files::isRegularFile).map(ThreadsCliTest::idOf).toList())
                    .containsExactlyInAnyOrderElementsOf(media("discuss").stream().map(SimMedia::serverMessageId).toList());
        }
        Map<Long, List<SimMedia>> byPost = comments.stream().collect(Collectors.groupingBy(m -> group.postOf(m.serverMessageId())));
        for (Map.Entry<Long, List<SimMedia>> post : byPost.entrySet()) {
            assertExactly(out.resolve("discuss").resolve(post.getKey() + "_comments"), post.getValue());
        }
    }

    @Test
    void unknownTopic_oneLineNamingItAndHowToListTopics_exit1_nothingWritten() {
        Path out = home.resolve("out");
        CliRun.Result r = tgdl().run("--simulate", "download", "@forum", "--topic", "Recipes", "-o", out.toString(),
                "--no-progress");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out().lines().filter(l -> l.startsWith("error: @forum:"))).singleElement().asString()
                .contains("no topic 'Recipes'").contains("tgdl topics @forum").contains("'Photos'");
        assertThat(out).doesNotExist();
    }

    @Test
    void topicOnAChatThatIsNoForum_andCommentsWithoutADiscussionGroup_exit1_nothingWritten() {
        Path out = home.resolve("out");
        CliRun.Result topic = tgdl().run("--simulate", "download", "@demo", "--topic", "1", "-o", out.toString(),
                "--no-progress");
        CliRun.Result comments = tgdl().run("--simulate", "download", "@forum", "--comments", "-o", out.toString(),
                "--no-progress");

        assertThat(topic.exitCode()).isEqualTo(1);
        assertThat(topic.out().lines().filter(l -> l.startsWith("error: @demo:"))).singleElement().asString()
                .contains("not a forum");
        assertThat(comments.exitCode()).isEqualTo(1);
        assertThat(comments.out().lines().filter(l -> l.startsWith("error: @forum:"))).singleElement().asString()
                .contains("no discussion group");
        assertThat(out).doesNotExist();
    }

    @Test
    void blankTopic_isAUsageError_exit2() {
        CliRun.Result r = tgdl().run("--simulate", "download", "@forum", "--topic", " ", "-o", home.resolve("out").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--topic is empty");
    }

    @Test
    void topicsCommand_listsIdsAndNames_andSaysWhenAChatIsNoForum() throws IOException {
        CliRun.Result text = tgdl().run("--simulate", "topics", "@forum");
        CliRun.Result json = tgdl().run("--simulate", "topics", "@forum", "--json");
        CliRun.Result notForum = tgdl().run("--simulate", "topics", "@demo");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out().lines().skip(1).map(String::strip).toList())
                .containsExactlyInAnyOrder("1  General", "2  Photos", "3  Docs & files", "4  Off-topic");
        JsonNode topics = JSON.readTree(json.out());
        assertThat(topics.findValuesAsText("name")).containsExactlyInAnyOrder("General", "Photos", "Docs & files", "Off-topic");
        assertThat(notForum.exitCode()).isEqualTo(1);
        assertThat(notForum.err()).contains("not a forum");
    }
}
