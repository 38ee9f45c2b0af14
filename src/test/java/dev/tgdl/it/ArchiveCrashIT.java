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
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: bin/tgdl --simulate archive killed with SIGKILL at random moments, several times,
 * then run to completion, leaves exactly the channel's files with exactly their bytes, no partial
 * or duplicate file, and a manifest that agrees with the disk.
 */
class ArchiveCrashIT {

    @TempDir
    Path home;

    @BeforeEach
    void warmUp() throws Exception {
        TgdlProcess.warmUp(home);
    }

    @Test
    void killedNineTimesFour_thenCompleted_folderAndManifestMatchTheChannel() throws Exception {
        Path out = home.resolve("archive");
        Files.createDirectories(home.resolve("config/tgdl"));
        Files.writeString(home.resolve("config/tgdl/config.yaml"),
                "jobs:\n  - {name: demo, sources: ['@demo'], output: '" + out + "'}\n");
        Random random = new Random(20261122);
        Path temp = home.resolve("data/tgdl/simulated/builtin/default/tdlib/files/temp");
        int placed = 0;
        for (int kill = 0; kill < 4; kill++) {
            // slow simulated time, so the kill lands mid-run; each run is killed a few files after it starts placing
            TgdlProcess run = TgdlProcess.startPaced(home, 5, "--simulate", "archive", "--no-progress");
            placed = run.awaitFiles(out, placed + 3 + random.nextInt(25), Duration.ofMinutes(2));
            if (random.nextBoolean()) {
                // and sometimes between two files, when a download that started since is half written
                Set<Path> before = partials(temp);
                run.awaitUnlessEnded("a new partial download in " + temp,
                        () -> partials(temp).stream().anyMatch(p -> !before.contains(p)), Duration.ofMinutes(1));
            }
            run.kill9();
            placed = TgdlProcess.finishedFiles(out);
        }
        TgdlProcess last = TgdlProcess.start(home, "--simulate", "archive", "--no-progress");
        assertThat(last.waitFor(Duration.ofMinutes(3))).as(last.err()).isZero();

        List<SimMedia> expected = Scenario.builtin().channel("demo").orElseThrow().media(1).toList();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("no partial or extra file").hasSize(expected.size())
                .noneMatch(p -> p.getFileName().toString().startsWith("."));
        Map<Long, Path> byMessage = new HashMap<>();
        for (Path p : files) {
            String name = p.getFileName().toString();
            byMessage.put(Long.parseLong(name.substring(0, name.indexOf('_'))), p);
        }
        for (SimMedia m : expected) {
            Path p = byMessage.get(m.serverMessageId());
            assertThat(p).as("message %d", m.serverMessageId()).isNotNull();
            assertThat(SimFiles.matches(p, m.uniqueId(), m.size())).as("bytes of %s", p).isTrue();
        }

        Path manifest = home.resolve("data/tgdl/simulated/builtin/default/manifest.db");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + manifest);
             Statement s = db.createStatement()) {
            Map<Long, String> done = new HashMap<>();
            try (ResultSet r = s.executeQuery("SELECT message_id, path FROM items WHERE status = 'done'")) {
                while (r.next()) {
                    done.put(r.getLong(1), r.getString(2));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM items WHERE status <> 'done'")) {
                r.next();
                assertThat(r.getLong(1)).as("rows not done").isZero();
            }
            assertThat(done.keySet()).isEqualTo(expected.stream().map(SimMedia::serverMessageId).collect(Collectors.toSet()));
            for (Map.Entry<Long, String> row : done.entrySet()) {
                assertThat(Path.of(row.getValue())).isEqualTo(byMessage.get(row.getKey()));
            }
            try (ResultSet r = s.executeQuery("SELECT COUNT(*), COUNT(finished_at) FROM runs")) {
                r.next();
                // a run killed before it opened the manifest leaves no row
                assertThat(r.getLong(1)).isBetween(2L, 5L);
                assertThat(r.getLong(2)).as("only the last run finished").isEqualTo(1);
            }
        }
        Set<String> tdlibLeftovers;
        try (Stream<Path> walk = Files.walk(home.resolve("data/tgdl/simulated/builtin/default/tdlib/files"))) {
            tdlibLeftovers = walk.filter(Files::isRegularFile).filter(p -> !p.toString().contains("thumbnails"))
                    .map(Path::toString).collect(Collectors.toSet());
        }
        assertThat(tdlibLeftovers).as("TDLib's copies were all moved into place or removed").isEmpty();
    }

    /** The simulated TDLib's partial downloads that hold bytes: its {@code temp/*.part} files. */
    private static Set<Path> partials(Path temp) throws IOException {
        if (!Files.isDirectory(temp)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(temp)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).filter(p -> size(p) > 0)
                    .collect(Collectors.toSet());
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0; // moved into place meanwhile
        }
    }
}
