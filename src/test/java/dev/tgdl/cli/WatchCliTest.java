package dev.tgdl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tgdl.sim.Scenario;
import dev.tgdl.sim.SimChannel;
import dev.tgdl.sim.SimFiles;
import dev.tgdl.sim.SimMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tgdl watch against a simulated channel that keeps posting: each run is bounded by --max-duration
 * in the simulator's virtual time, so it ends when the scripted posts are long done.
 */
class WatchCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private Path scenario(String channel) throws IOException {
        return Files.writeString(home.resolve("feed.yaml"), """
                time_scale: max
                limits: {bandwidth: 20MB, latency: 50ms}
                channels:
                  - {username: feed, id: 3000000101, messages: 12, deleted_share: 0, album_share: 0, text_share: 0.2,
                     sizes: {median: 30KB, sigma: 0.5, min: 2KB, max: 200KB}, %s}
                """.formatted(channel));
    }

    private void config(String yaml) throws IOException {
        Files.createDirectories(home.resolve("config/tgdl"));
        Files.writeString(home.resolve("config/tgdl/config.yaml"), yaml);
    }

    /** The profile's manifest (a scenario file gets a profile folder named after it and its path's hash). */
    private Path manifest() throws IOException {
        Path simulated = home.resolve("data/tgdl/simulated");
        if (!Files.isDirectory(simulated)) {
            return simulated.resolve("none");
        }
        try (Stream<Path> profiles = Files.list(simulated)) {
            return profiles.filter(p -> p.getFileName().toString().startsWith("feed-")).findFirst()
                    .orElse(simulated.resolve("none")).resolve("default/manifest.db");
        }
    }

    /** The files under {@code dir}, by the message id their name starts with. */
    private static Map<Long, Path> filesByMessage(Path dir) throws IOException {
        Map<Long, Path> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                assertThat(files.put(Long.parseLong(name.substring(0, name.indexOf('_'))), p)).as("one file per message").isNull();
            }
        }
        return files;
    }

    private Map<Long, String> doneRows() throws SQLException, IOException {
        Map<Long, String> done = new HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + manifest());
             Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT message_id, path FROM items WHERE status = 'done'")) {
            while (r.next()) {
                assertThat(done.put(r.getLong(1), r.getString(2))).as("one row per message").isNull();
            }
        }
        return done;
    }

    private static void assertBytes(Map<Long, Path> files, List<SimMedia> expected) throws IOException {
        assertThat(files.keySet()).isEqualTo(expected.stream().map(SimMedia::serverMessageId).collect(Collectors.toSet()));
        for (SimMedia m : expected) {
            assertThat(SimFiles.matches(files.get(m.serverMessageId()), m.uniqueId(), m.size()))
                    .as("bytes of message %d", m.serverMessageId()).isTrue();
        }
    }

    @Test
    void newPosts_areDownloadedOnceEach_withTheirBytes_andAManifestRow() throws Exception {
        Path file = scenario("post_every: 1m, post_count: 15");
        Path out = home.resolve("out");

        CliRun.Result r = new CliRun(home).run("--simulate=" + file, "watch", "@feed", "-o", out.toString(),
                "--max-duration", "1h", "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = JSON.readTree(r.out());
        SimChannel feed = Scenario.load(file).channel("feed").orElseThrow();
        List<SimMedia> expected = feed.media(1, 15).toList();
        assertThat(expected.size()).isGreaterThan(feed.media(1, 0).toList().size());
        Map<Long, Path> files = filesByMessage(out);
        assertBytes(files, expected);
        Map<Long, String> rows = doneRows();
        assertThat(rows.keySet()).isEqualTo(files.keySet());
        rows.forEach((id, path) -> assertThat(Path.of(path)).isEqualTo(files.get(id)));
        assertThat(doc.path("new_posts").asLong()).isEqualTo(15);
        assertThat(doc.path("downloaded").asLong()).isEqualTo(expected.size());
        assertThat(doc.path("stopped").asText()).isEqualTo("max_duration");
        assertThat(doc.path("exit_code").asInt()).isZero();
        // every file fetched exactly once, though new posts, catch-ups and the end of the run overlap
        assertThat(doc.path("simulator").path("downloads_completed").asLong()).isEqualTo(expected.size());
    }

    @Test
    void anEditThatGivesAnOlderTextPostAPhoto_downloadsThatPhoto() throws Exception {
        // every 4th later post is text that gains a photo when the next post arrives: by then the catch-up
        // after the text post has moved the high-water mark past it, so only the edit brings it in
        Path file = scenario("post_every: 1m, post_count: 13, edit_every: 4");
        Path out = home.resolve("out");

        CliRun.Result r = new CliRun(home).run("--simulate=" + file, "watch", "@feed", "-o", out.toString(),
                "--max-duration", "1h", "--json", "--catch-up-every", "2h");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = JSON.readTree(r.out());
        List<SimMedia> expected = Scenario.load(file).channel("feed").orElseThrow().media(1, 13).toList();
        Map<Long, Path> files = filesByMessage(out);
        assertBytes(files, expected);
        for (long edited : List.of(16L, 20L, 24L)) {
            assertThat(files.get(edited)).as("message %d, edited to a photo", edited).isNotNull();
            assertThat(files.get(edited).getFileName().toString()).isEqualTo(edited + "_photo_" + edited + ".jpg");
        }
        assertThat(doneRows().keySet()).contains(16L, 20L, 24L);
        assertThat(doc.path("media_edits").asLong()).isEqualTo(3);
        assertThat(doc.path("simulator").path("requests_by_method").path("getMessageLinkInfo").asLong())
                .as("each edited message fetched through its link").isEqualTo(3);
        assertThat(doc.path("simulator").path("downloads_completed").asLong()).isEqualTo(expected.size());
    }

    @Test
    void postsDuringAnOutage_areCaughtUpWhenTheConnectionReturns() throws Exception {
        // an outage of 3 minutes every 10: posts made meanwhile reach no update, only the catch-up after it
        Path file = scenario("post_every: 1m, post_count: 30, faults: {flap_every: 10m, flap_duration: 3m}");
        Path out = home.resolve("out");

        CliRun.Result r = new CliRun(home).run("--simulate=" + file, "watch", "@feed", "-o", out.toString(),
                "--max-duration", "1h", "--json", "--catch-up-every", "2h");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = JSON.readTree(r.out());
        List<SimMedia> expected = Scenario.load(file).channel("feed").orElseThrow().media(1, 30).toList();
        assertBytes(filesByMessage(out), expected);
        assertThat(doc.path("reconnects").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(doc.path("new_posts").asLong()).as("posts announced by an update").isLessThan(30);
        assertThat(doc.path("simulator").path("downloads_completed").asLong()).isEqualTo(expected.size());
    }

    @Test
    void aJobOfTheConfiguration_isWatched() throws Exception {
        Path file = scenario("post_every: 2m, post_count: 5");
        Path out = home.resolve("archive");
        config("jobs:\n  - {name: feed, sources: ['@feed'], output: '" + out + "'}\n");

        CliRun.Result r = new CliRun(home).run("--simulate=" + file, "watch", "--job", "feed", "--max-duration", "30m");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertBytes(filesByMessage(out), Scenario.load(file).channel("feed").orElseThrow().media(1, 5).toList());
        assertThat(r.out()).startsWith("watch: ").contains("5 new posts");
    }

    @Test
    void anUnknownSource_endsTheWatchAfterTheCatchUp_exit1_withOneLineNamingIt() throws Exception {
        Path file = scenario("post_every: 1m, post_count: 5");
        Path out = home.resolve("out");

        CliRun.Result r = new CliRun(home).run("--simulate=" + file, "watch", "@feed", "@nosuchchannel", "-o",
                out.toString(), "--max-duration", "1h");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines().filter(l -> l.contains("@nosuchchannel")).toList()).hasSize(1)
                .allMatch(l -> l.contains("not found"));
        // the readable source was caught up before the watch gave up
        assertBytes(filesByMessage(out), Scenario.load(file).channel("feed").orElseThrow().media(1, 0).toList());
    }

    @Test
    void badArguments_exit2_withOneLine_beforeAnySession() throws Exception {
        Path file = scenario("post_every: 1m");
        config("jobs:\n  - {name: feed, sources: ['@feed'], output: '" + home.resolve("archive") + "'}\n");
        CliRun tgdl = new CliRun(home);

        CliRun.Result both = tgdl.run("--simulate=" + file, "watch", "@feed", "--job", "feed");
        CliRun.Result unknownJob = tgdl.run("--simulate=" + file, "watch", "--job", "nosuchjob");
        CliRun.Result outputWithJob = tgdl.run("--simulate=" + file, "watch", "--job", "feed", "-o", "x");
        CliRun.Result notASource = tgdl.run("--simulate=" + file, "watch", "https://example.com/x");
        CliRun.Result zeroEvery = tgdl.run("--simulate=" + file, "watch", "@feed", "--catch-up-every", "0s");
        CliRun.Result nothing = new CliRun(home.resolve("elsewhere")).run("--simulate=" + file, "watch");

        for (CliRun.Result r : List.of(both, unknownJob, outputWithJob, notASource, zeroEvery, nothing)) {
            assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        }
        assertThat(both.err()).contains("not both");
        assertThat(unknownJob.err()).contains("no job named 'nosuchjob'").contains("feed");
        assertThat(outputWithJob.err()).contains("-o and --template go with SOURCEs");
        assertThat(notASource.err()).contains("https://example.com/x");
        assertThat(zeroEvery.err()).contains("--catch-up-every");
        assertThat(nothing.err()).contains("nothing to watch");
        assertThat(Files.exists(manifest())).as("no run was started").isFalse();
    }
}
