package dev.tgdl.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgdl.sim.Scenario;
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
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/tgdl watch as a real process on a channel that keeps posting: killed, restarted, signalled. */
class WatchIT {

    private static final int POSTS = 40;

    @TempDir
    Path home;

    private Path scenario;
    private Path out;

    @BeforeEach
    void setUp() throws Exception {
        TgdlProcess.warmUp(home);
        scenario = Files.writeString(home.resolve("feed.yaml"), """
                limits: {bandwidth: 2MB, latency: 100ms}
                channels:
                  - {username: feed, id: 3000000201, messages: 8, deleted_share: 0, album_share: 0, text_share: 0.2,
                     sizes: {median: 60KB, sigma: 0.5, min: 5KB, max: 300KB},
                     post_every: 20s, post_count: %d, edit_every: 6}
                """.formatted(POSTS));
        out = home.resolve("out");
    }

    private Path profile() throws IOException {
        try (Stream<Path> profiles = Files.list(home.resolve("data/tgdl/simulated"))) {
            return profiles.filter(p -> p.getFileName().toString().startsWith("feed-")).findFirst().orElseThrow()
                    .resolve("default");
        }
    }

    /** Finished files (names not starting with a dot) by message id; fails on a second file of one message. */
    private Map<Long, Path> files() throws IOException {
        Map<Long, Path> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                String name = p.getFileName().toString();
                assertThat(files.put(Long.parseLong(name.substring(0, name.indexOf('_'))), p)).as("one file per post: %s", p)
                        .isNull();
            }
        }
        return files;
    }

    private long rows(String where) throws SQLException, IOException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + profile().resolve("manifest.db"));
             Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + where)) {
            r.next();
            return r.getLong(1);
        }
    }

    private Map<Long, String> doneRows() throws SQLException, IOException {
        Map<Long, String> done = new HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + profile().resolve("manifest.db"));
             Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT message_id, path FROM items WHERE status = 'done'")) {
            while (r.next()) {
                assertThat(done.put(r.getLong(1), r.getString(2))).as("one row per post").isNull();
            }
        }
        return done;
    }

    @Test
    void killedNineWhilePostsArrive_thenRestarted_everyPostIsDownloadedExactlyOnce() throws Exception {
        List<SimMedia> before = Scenario.load(scenario).channel("feed").orElseThrow().media(1, 0).toList();
        // paced simulated time: a post every 2 s of real time, so the kill lands while posts arrive
        TgdlProcess first = TgdlProcess.startPaced(home, 10, "--simulate=" + scenario, "watch", "@feed", "-o",
                out.toString(), "--no-progress");
        first.awaitFiles(out, before.size() + 4, Duration.ofMinutes(2));
        first.kill9();
        int placedByTheKilledRun = TgdlProcess.finishedFiles(out);

        TgdlProcess second = TgdlProcess.start(home, Map.of("TGDL_SIM_TIME_SCALE", "max"), "--simulate=" + scenario,
                "watch", "@feed", "-o", out.toString(), "--no-progress", "--max-duration", "1h");
        assertThat(second.waitFor(Duration.ofMinutes(3))).as(second.err()).isZero();

        List<SimMedia> expected = Scenario.load(scenario).channel("feed").orElseThrow().media(1, POSTS).toList();
        assertThat(placedByTheKilledRun).isBetween(before.size() + 4, expected.size() - 1);
        Map<Long, Path> files = files();
        assertThat(files.keySet()).isEqualTo(expected.stream().map(SimMedia::serverMessageId).collect(Collectors.toSet()));
        for (SimMedia m : expected) {
            assertThat(SimFiles.matches(files.get(m.serverMessageId()), m.uniqueId(), m.size()))
                    .as("bytes of post %d", m.serverMessageId()).isTrue();
        }
        Map<Long, String> done = doneRows();
        assertThat(done.keySet()).isEqualTo(files.keySet());
        done.forEach((id, path) -> assertThat(Path.of(path)).isEqualTo(files.get(id)));
        assertThat(rows("items WHERE status <> 'done'")).as("rows not done").isZero();
        assertThat(rows("runs")).isEqualTo(2);
        assertThat(rows("runs WHERE finished_at IS NOT NULL")).as("only the restarted run finished").isEqualTo(1);
        try (Stream<Path> left = Files.walk(out)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith(".")).toList()).as("no partial file").isEmpty();
        }
    }

    @Test
    void sigterm_whileWatching_exits130_withTheManifestAgreeingWithTheDisk() throws Exception {
        List<SimMedia> expected = Scenario.load(scenario).channel("feed").orElseThrow().media(1, POSTS).toList();
        int initial = Scenario.load(scenario).channel("feed").orElseThrow().media(1, 0).toList().size();
        TgdlProcess run = TgdlProcess.startPaced(home, 10, "--simulate=" + scenario, "watch", "@feed", "-o",
                out.toString(), "--no-progress", "--json");
        run.awaitFiles(out, initial + 2, Duration.ofMinutes(2));
        run.signal("TERM");

        assertThat(run.waitFor(Duration.ofSeconds(30))).as(run.err()).isEqualTo(130);
        assertThat(run.out()).contains("\"stopped\" : \"interrupted\"").contains("\"exit_code\" : 130");
        Map<Long, Path> files = files();
        Map<Long, String> done = doneRows();
        assertThat(done.keySet()).as("every file on disk is recorded, and only those").isEqualTo(files.keySet());
        Set<Long> known = expected.stream().map(SimMedia::serverMessageId).collect(Collectors.toSet());
        assertThat(known).containsAll(files.keySet());
        for (SimMedia m : expected) {
            if (files.containsKey(m.serverMessageId())) {
                assertThat(SimFiles.matches(files.get(m.serverMessageId()), m.uniqueId(), m.size())).isTrue();
            }
        }
        assertThat(rows("runs WHERE command = 'watch' AND exit_code = 130 AND finished_at IS NOT NULL")).isEqualTo(1);
    }
}
