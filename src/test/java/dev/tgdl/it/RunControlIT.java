package dev.tgdl.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgdl.sim.Scenario;
import dev.tgdl.sim.SimFiles;
import dev.tgdl.sim.SimMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run per profile, and Ctrl-C, with real processes. */
class RunControlIT {

    @TempDir
    Path home;

    @BeforeEach
    void warmUp() throws Exception {
        TgdlProcess.warmUp(home);
    }

    private void job(Path out) throws Exception {
        Files.createDirectories(home.resolve("config/tgdl"));
        Files.writeString(home.resolve("config/tgdl/config.yaml"),
                "jobs:\n  - {name: strict, sources: ['@strict'], output: '" + out + "'}\n");
    }

    @Test
    void secondRunOfAProfile_exits4AtOnce_whileTheFirstStillRuns_namingTheHoldersPid() throws Exception {
        job(home.resolve("archive"));
        TgdlProcess first = TgdlProcess.startPaced(home, 2, "--simulate", "archive", "--no-progress");
        Path lock = home.resolve("data/tgdl/simulated/builtin/default/run.lock");
        first.await("the first run's pid in " + lock,
                () -> Files.exists(lock) && Files.readString(lock).startsWith(first.pid() + "\n"), Duration.ofSeconds(30));
        // as in a cron overlap, the first run is busy downloading (not still starting up) when the second comes
        first.awaitFiles(home.resolve("archive"), 1, Duration.ofMinutes(1));
        TgdlProcess second = TgdlProcess.start(home, "--simulate", "archive", "--no-progress");
        int code = second.waitFor(Duration.ofSeconds(30));
        // the second did not wait for the lock: the first, @strict at twice real time, is still running
        boolean firstStillRuns = first.alive();
        first.kill9();

        assertThat(code).isEqualTo(4);
        assertThat(firstStillRuns).as("the first run still holds the lock when the second has exited").isTrue();
        assertThat(second.err().strip().lines().count()).isEqualTo(1);
        assertThat(second.err()).contains("pid " + first.pid());
    }

    @Test
    void lockOfAKilledRun_isTakenOver() throws Exception {
        job(home.resolve("archive"));
        TgdlProcess first = TgdlProcess.startPaced(home, 2, "--simulate", "archive", "--no-progress");
        first.awaitFiles(home.resolve("archive"), 1, Duration.ofMinutes(1));
        first.kill9();
        TgdlProcess next = TgdlProcess.start(home, "--simulate", "status");
        assertThat(next.waitFor(Duration.ofSeconds(30))).isZero();
        TgdlProcess whoami = TgdlProcess.start(home, "--simulate", "whoami");
        assertThat(whoami.waitFor(Duration.ofSeconds(30))).as(whoami.err()).isZero();
    }

    @Test
    void ctrlC_halfway_exits130_leavesNoPartialUnderAFinalName_andTheNextRunCompletesTheSet() throws Exception {
        Path out = home.resolve("out");
        TgdlProcess run = TgdlProcess.startPaced(home, 2, "--simulate", "download", "@demo", "-o", out.toString(),
                "--no-progress", "--json");
        run.awaitFiles(out, 10, Duration.ofMinutes(1));
        run.signal("INT");
        int code = run.waitFor(Duration.ofSeconds(30));

        assertThat(code).as(run.err()).isEqualTo(130);
        assertThat(run.out()).contains("\"stopped\" : \"interrupted\"");
        List<SimMedia> expected = Scenario.builtin().channel("demo").orElseThrow().media(1).toList();
        List<Path> partial = files(out);
        assertThat(partial.size()).isBetween(1, expected.size() - 1);
        for (Path p : partial) {
            SimMedia m = media(expected, p);
            assertThat(SimFiles.matches(p, m.uniqueId(), m.size())).as("complete: %s", p).isTrue();
        }

        TgdlProcess again = TgdlProcess.start(home, "--simulate", "download", "@demo", "-o", out.toString(), "--no-progress");
        assertThat(again.waitFor(Duration.ofMinutes(3))).as(again.err()).isZero();
        List<Path> all = files(out);
        assertThat(all).hasSize(expected.size());
        for (Path p : all) {
            SimMedia m = media(expected, p);
            assertThat(SimFiles.matches(p, m.uniqueId(), m.size())).isTrue();
        }
    }

    private static SimMedia media(List<SimMedia> expected, Path p) {
        String name = p.getFileName().toString();
        long id = Long.parseLong(name.substring(0, name.indexOf('_')));
        return expected.stream().filter(m -> m.serverMessageId() == id).findFirst().orElseThrow();
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
