package dev.tgdl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tgdl.sim.Scenario;
import dev.tgdl.sim.SimFiles;
import dev.tgdl.sim.SimMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tgdl archive, status, failed, retry and stats against the simulator. */
class ArchiveCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private Path scenario(String yaml) throws IOException {
        return Files.writeString(home.resolve("scenario.yaml"), yaml);
    }

    private void config(String yaml) throws IOException {
        Files.createDirectories(home.resolve("config/tgdl"));
        Files.writeString(home.resolve("config/tgdl/config.yaml"), yaml);
    }

    private static long files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void grownChannel_secondRunRequestsOnlyTheNewPages_andDownloadsOnlyNewFiles() throws IOException {
        Path file = scenario("""
                time_scale: 200
                limits: {history: {rate: 50, burst: 50}, parts: {rate: 500, burst: 500}, bandwidth: 50MB}
                channels:
                  - {username: news, id: 3000000001, messages: 500, growth: 30, text_share: 0.5, deleted_share: 0,
                     sizes: {median: 20KB, sigma: 0.5, min: 1KB, max: 100KB}}
                """);
        Path out = home.resolve("archive");
        config("jobs:\n  - {name: news, sources: ['@news'], output: '" + out + "'}\n");
        CliRun tgdl = new CliRun(home);

        JsonNode first = JSON.readTree(tgdl.run("--simulate=" + file, "archive", "--json").out());
        JsonNode second = JSON.readTree(tgdl.run("--simulate=" + file, "archive", "--json").out());

        Scenario scenario = Scenario.load(file);
        List<SimMedia> run1 = scenario.channel("news").orElseThrow().media(1).toList();
        List<SimMedia> run2 = scenario.channel("news").orElseThrow().media(2).toList();
        assertThat(first.path("jobs").get(0).path("report").path("successful_downloads").asLong()).isEqualTo(run1.size());
        assertThat(second.path("jobs").get(0).path("report").path("successful_downloads").asLong())
                .isEqualTo(run2.size() - run1.size());
        long historyFirst = first.path("simulator").path("requests_by_method").path("getChatHistory").asLong();
        long historySecond = second.path("simulator").path("requests_by_method").path("getChatHistory").asLong();
        assertThat(historyFirst).isGreaterThanOrEqualTo(6);
        assertThat(historySecond).isLessThanOrEqualTo(2);
        assertThat(second.path("simulator").path("downloads_started").asLong()).isEqualTo(run2.size() - run1.size());
        assertThat(files(out)).isEqualTo(run2.size());
        for (SimMedia m : run2) {
            try (Stream<Path> found = Files.list(out.resolve("news"))) {
                Path p = found.filter(f -> f.getFileName().toString().startsWith(m.serverMessageId() + "_")).findFirst().orElseThrow();
                assertThat(SimFiles.matches(p, m.uniqueId(), m.size())).isTrue();
            }
        }
    }

    @Test
    void filesThatAlwaysFail_becomeDeadLettersAfterTenRuns_andRetryFailedRevivesThem() throws IOException {
        Path file = scenario("""
                time_scale: 200
                channels:
                  - {username: broken, id: 3000000002, messages: 6, text_share: 0, deleted_share: 0, album_share: 0,
                     media: {document: 1}, sizes: {median: 50KB, sigma: 0, min: 50KB, max: 50KB},
                     faults: {broken_share: 1.0}}
                """);
        config("""
                download: {max_retries: 0}
                archive: {retry_delays: [0s], retry_every: 0s, max_attempts: 10}
                jobs:
                  - {name: broken, sources: ['@broken'], output: '%s'}
                """.formatted(home.resolve("archive")));
        CliRun tgdl = new CliRun(home);
        for (int run = 1; run <= 10; run++) {
            CliRun.Result r = tgdl.run("--simulate=" + file, "archive");
            assertThat(r.exitCode()).as("run %d: %s", run, r.err()).isEqualTo(1);
        }
        JsonNode failed = JSON.readTree(tgdl.run("--simulate=" + file, "failed", "--json").out());
        assertThat(failed).hasSize(6);
        assertThat(failed.get(0).path("attempts").asInt()).isEqualTo(10);
        assertThat(failed.get(0).path("error").asText()).contains("without a reason");
        JsonNode status = JSON.readTree(tgdl.run("--simulate=" + file, "status", "--json").out());
        assertThat(status.path("totals").path("failed").asLong()).isEqualTo(6);
        assertThat(status.path("totals").path("retry_due").asLong()).isZero();

        // an eleventh run leaves dead letters alone
        CliRun.Result eleventh = tgdl.run("--simulate=" + file, "archive", "--json");
        assertThat(eleventh.exitCode()).as(eleventh.err()).isZero();
        JsonNode quiet = JSON.readTree(eleventh.out());
        assertThat(quiet.path("simulator").path("requests").asLong()).as("a run happened").isPositive();
        assertThat(quiet.path("simulator").path("downloads_started").asLong()).isZero();

        CliRun.Result retry = tgdl.run("--simulate=" + file, "retry", "--failed");
        assertThat(retry.out()).contains("6 files are due");
        JsonNode revived = JSON.readTree(tgdl.run("--simulate=" + file, "status", "--json").out());
        assertThat(revived.path("totals").path("retry_due").asLong()).isEqualTo(6);
        JsonNode again = JSON.readTree(tgdl.run("--simulate=" + file, "archive", "--json").out());
        assertThat(again.path("simulator").path("downloads_started").asLong()).isEqualTo(6);
        JsonNode stats = JSON.readTree(tgdl.run("--simulate=" + file, "stats", "--json", "--last", "3").out());
        assertThat(stats).hasSize(3);
        assertThat(stats.get(0).path("command").asText()).isEqualTo("archive");
        assertThat(stats.get(0).path("stats").path("jobs").get(0).path("report").path("failed").asLong()).isEqualTo(6);
    }

    @Test
    void notifications_sendASummaryAfterDeadLetters() throws IOException {
        Path file = scenario("""
                time_scale: 200
                channels:
                  - {username: broken, id: 3000000002, messages: 2, text_share: 0, deleted_share: 0, album_share: 0,
                     media: {document: 1}, faults: {broken_share: 1.0}}
                """);
        config("""
                download: {max_retries: 0}
                archive: {max_attempts: 1}
                notify: {chat: me, when: failures}
                jobs:
                  - {name: broken, sources: ['@broken'], output: '%s'}
                """.formatted(home.resolve("archive")));
        JsonNode report = JSON.readTree(new CliRun(home).run("--simulate=" + file, "archive", "--json").out());
        assertThat(report.path("new_dead_letters").asLong()).isEqualTo(2);
        assertThat(report.path("notified").asBoolean()).isTrue();
        assertThat(report.path("simulator").path("requests_by_method").path("sendMessage").asLong()).isEqualTo(1);
    }

    @Test
    void archive_withoutJobs_orWithAnUnknownJob_exits2() throws IOException {
        assertThat(new CliRun(home).run("--simulate", "archive").err()).contains("no jobs configured");
        config("jobs:\n  - {name: a, sources: ['@demo'], output: '" + home.resolve("x") + "'}\n");
        CliRun.Result r = new CliRun(home).run("--simulate", "archive", "--job", "b");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no job named 'b'").contains("a");
    }

    @Test
    void archive_withoutSession_exits3_withoutPrompting() throws IOException {
        config("api_id: 1\napi_hash: x\njobs:\n  - {name: a, sources: ['@demo'], output: '" + home.resolve("x") + "'}\n");
        CliRun.Result r = new CliRun(home).run("archive");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("not logged in");
    }

    @Test
    void maxDuration_stopsCleanly_exit5_andTheNextRunCompletesTheSet() throws IOException {
        Path out = home.resolve("archive");
        config("jobs:\n  - {name: demo, sources: ['@demo'], output: '" + out + "'}\n");
        CliRun.Result stopped = new CliRun(home).run("--simulate", "archive", "--max-duration", "20s", "--json");
        assertThat(stopped.exitCode()).isEqualTo(5);
        JsonNode doc = JSON.readTree(stopped.out());
        assertThat(doc.path("jobs").get(0).path("report").path("stopped").asText()).isEqualTo("max_duration");
        assertThat(doc.path("exit_code").asInt()).isEqualTo(5);
        long partial = files(out);
        List<SimMedia> all = Scenario.builtin().channel("demo").orElseThrow().media(1).toList();
        assertThat(partial).isBetween(1L, (long) all.size() - 1);

        CliRun.Result rest = new CliRun(home).run("--simulate", "archive");
        assertThat(rest.exitCode()).isZero();
        assertThat(files(out)).isEqualTo(all.size());
    }

    @Test
    void maxDuration_theJobsSummarySaysWhatStoppedTheRun() throws IOException {
        config("jobs:\n  - {name: demo, sources: ['@demo'], output: '" + home.resolve("archive") + "'}\n");
        CliRun.Result r = new CliRun(home).run("--simulate", "archive", "--max-duration", "5s");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(5);
        assertThat(r.out().lines().findFirst().orElseThrow()).startsWith("demo: downloaded ");
        assertThat(r.out().lines())
                .contains("stopped early (--max-duration reached): run the same command again to resume");
    }
}
