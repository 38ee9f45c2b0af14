package dev.tgdl.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark measures what users run: {@code bin/tgdl --simulate download @demo --json}, as a
 * process with a fresh profile per seed, against {@code bin/tgdl bench}'s demo/adaptive row over the
 * same seeds. Both count simulated seconds, so the comparison holds on any host.
 */
class BenchMatchesTheUsersCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SEEDS = 5;

    @TempDir
    Path home;

    @BeforeEach
    void warmUp() throws Exception {
        TgdlProcess.warmUp(home);
    }

    @Test
    void demoDownload_medianElapsed_isWithinTenPercentOfTheBenchRow() throws Exception {
        List<Double> elapsed = new ArrayList<>();
        for (int seed = 1; seed <= SEEDS; seed++) {
            Path user = home.resolve("user-" + seed); // a new user each time: no learned rate, no manifest
            TgdlProcess run = TgdlProcess.start(user, Map.of("TGDL_SIM_SEED", Integer.toString(seed)),
                    "--simulate", "download", "@demo", "-o", user.resolve("out").toString(), "--json", "--no-progress");
            assertThat(run.waitFor(Duration.ofMinutes(3))).as(run.err()).isZero();
            JsonNode stats = JSON.readTree(run.out());
            assertThat(stats.path("failed").asLong()).isZero();
            elapsed.add(stats.path("elapsed_seconds").asDouble());
        }

        TgdlProcess bench = TgdlProcess.start(home.resolve("bench"), "bench", "--scenario", "demo", "--policy",
                "adaptive", "--seeds", Integer.toString(SEEDS), "--no-extras", "--json");
        assertThat(bench.waitFor(Duration.ofMinutes(5))).as(bench.err()).isZero();
        JsonNode row = JSON.readTree(bench.out()).path("pairs").get(0);
        assertThat(row.path("finished").asInt()).isEqualTo(SEEDS);
        double benchMedian = row.path("sim_seconds").path("median").asDouble();

        double userMedian = elapsed.stream().sorted().toList().get(SEEDS / 2);
        System.out.printf("demo/adaptive: users' runs %s (median %.1f s), bench median %.1f s%n", elapsed, userMedian,
                benchMedian);
        assertThat(userMedian).isCloseTo(benchMedian, Percentage.withPercentage(10));
    }
}
