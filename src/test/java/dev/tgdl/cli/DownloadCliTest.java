package dev.tgdl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tgdl.sim.Scenario;
import dev.tgdl.sim.SimFiles;
import dev.tgdl.sim.SimMedia;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tgdl download against the simulator, through the real command line: files, bytes, stats, exit codes. */
class DownloadCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STATS_FIELDS = List.of("total_attempts", "successful_downloads", "skipped",
            "failed", "flood_waits", "flood_wait_seconds", "success_rate", "flood_wait_rate", "downloads_per_minute",
            "bytes_downloaded", "elapsed_seconds", "current_workers", "adaptive_delay", "consecutive_successes", "sources");

    @TempDir
    Path home;

    private CliRun tgdl() {
        return new CliRun(home);
    }

    private static List<SimMedia> media(String channel) {
        return Scenario.builtin().channel(channel).orElseThrow().media(1).toList();
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    /** Every file of the channel is in {@code folder} under "{id}_...", with exactly the simulator's bytes. */
    private static void assertEveryFileDownloaded(Path folder, List<SimMedia> expected) throws IOException {
        Map<Long, Path> byId = files(folder).stream().collect(Collectors.toMap(
                p -> Long.parseLong(p.getFileName().toString().substring(0, p.getFileName().toString().indexOf('_'))),
                p -> p));
        assertThat(byId).hasSize(expected.size());
        for (SimMedia m : expected) {
            Path file = byId.get(m.serverMessageId());
            assertThat(file).as("file of message %d", m.serverMessageId()).isNotNull();
            assertThat(SimFiles.matches(file, m.uniqueId(), m.size())).as("bytes of %s", file).isTrue();
            assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(m.date());
        }
    }

    @Test
    void demo_downloadsEveryFileWithTheRightBytes_exits0_andReportsEveryStatsField() throws IOException {
        Path out = home.resolve("out");
        CliRun.Result r = tgdl().run("--simulate", "download", "@demo", "-o", out.toString(), "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<SimMedia> expected = media("demo");
        assertEveryFileDownloaded(out.resolve("demo"), expected);
        JsonNode stats = JSON.readTree(r.out());
        for (String field : STATS_FIELDS) {
            assertThat(stats.has(field)).as("stats field %s", field).isTrue();
        }
        assertThat(stats.path("successful_downloads").asLong()).isEqualTo(expected.size());
        assertThat(stats.path("failed").asLong()).isZero();
        assertThat(stats.path("bytes_downloaded").asLong()).isEqualTo(expected.stream().mapToLong(SimMedia::size).sum());
        assertThat(stats.path("sources").get(0).path("downloaded").asLong()).isEqualTo(expected.size());
        assertThat(stats.path("exit_code").asInt()).isZero();
        // nothing of TDLib's copies is left behind
        assertThat(files(home.resolve("data/tgdl/simulated/builtin/default/tdlib/files")).stream()
                .filter(p -> !p.toString().contains("thumbnails"))).isEmpty();
    }

    @Test
    void secondIdenticalRun_downloadsNothing_andCountsEverythingSkipped() throws IOException {
        Path out = home.resolve("out");
        tgdl().run("--simulate", "download", "@demo", "-o", out.toString(), "--json");
        CliRun.Result again = tgdl().run("--simulate", "download", "@demo", "-o", out.toString(), "--json");

        JsonNode stats = JSON.readTree(again.out());
        assertThat(again.exitCode()).isZero();
        assertThat(stats.path("successful_downloads").asLong()).isZero();
        assertThat(stats.path("total_attempts").asLong()).isZero();
        assertThat(stats.path("skipped").asLong()).isEqualTo(media("demo").size());
    }

    @Test
    void hostileNames_leaveNothingOutsideTheFolder_andKeepEveryFile() throws IOException {
        Path out = home.resolve("out");
        CliRun.Result r = tgdl().run("--simulate", "download", "@hostile", "-o", out.toString(), "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<SimMedia> expected = media("hostile");
        List<Path> written = files(home);
        assertThat(written).allMatch(p -> p.startsWith(out) || p.startsWith(home.resolve("data")));
        assertEveryFileDownloaded(out.resolve(files(out).getFirst().getParent().getFileName()), expected);
        for (Path p : files(out)) {
            String name = p.getFileName().toString();
            assertThat(name).doesNotContain("\u202E", "\\", ":", "\u0000", "\n");
            assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        }
    }

    @Test
    void privateChannelAndMistypedName_oneLineEach_otherSourcesStillRun_exit1() throws IOException {
        Path out = home.resolve("out");
        CliRun.Result r = tgdl().run("--simulate", "download", "@private", "@nosuchchannel", "@growing", "-o",
                out.toString(), "--no-progress");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out().lines().filter(l -> l.startsWith("error: @private"))).hasSize(1);
        assertThat(r.out().lines().filter(l -> l.startsWith("error: @nosuchchannel"))).hasSize(1);
        assertThat(r.out()).contains("CHANNEL_PRIVATE").contains("not found");
        assertThat(files(out.resolve("growing"))).hasSize(media("growing").size());
    }

    @Test
    void strict_firstRunAbsorbsFloodWaits_andTheSecondRunStartsAtTheLearnedRateWithNone() throws IOException {
        JsonNode first = JSON.readTree(tgdl().run("--simulate", "download", "@strict", "-o", home.resolve("one").toString(),
                "--json").out());
        assertThat(first.path("exit_code").asInt()).isZero();
        assertThat(first.path("successful_downloads").asLong()).isEqualTo(media("strict").size());
        assertThat(first.path("flood_waits").asLong()).isPositive();
        assertThat(first.path("controller").path("shrinks").asLong()).isPositive();
        assertThat(first.path("simulator").path("too_many_requests").asLong()).isZero();

        // same profile, a fresh folder: the part rate learned by the first run is in the manifest
        JsonNode second = JSON.readTree(tgdl().run("--simulate", "download", "@strict", "-o",
                home.resolve("two").toString(), "--json").out());
        assertThat(second.path("successful_downloads").asLong()).isEqualTo(media("strict").size());
        assertThat(second.path("flood_waits").asLong()).isZero();
        assertThat(second.path("simulator").path("flood_waits_issued").asLong()).isZero();
        assertThat(second.path("adaptive_delay").asDouble()).isPositive();
        assertThat(second.path("elapsed_seconds").asDouble()).isLessThan(first.path("elapsed_seconds").asDouble());
        assertThat(files(home.resolve("two").resolve("strict"))).hasSize(media("strict").size());
    }

    @Test
    void anOutputFolderThatCannotBeWritten_isAUsageError_beforeAnyDownload() throws IOException {
        Path file = Files.writeString(home.resolve("a-file"), "not a folder");
        CliRun.Result inFile = tgdl().run("--simulate", "download", "@demo", "-o", file.resolve("out").toString(),
                "--no-progress");
        assertThat(inFile.exitCode()).as(inFile.err()).isEqualTo(2);
        assertThat(inFile.err().lines().toList()).hasSize(1);
        assertThat(inFile.err()).contains(file + " is not a folder").contains("choose a folder you can write");

        CliRun.Result proc = tgdl().run("--simulate", "download", "@demo", "-o", "/proc", "--no-progress");
        assertThat(proc.exitCode()).as(proc.err()).isEqualTo(2);
        assertThat(proc.err()).startsWith("tgdl: output folder /proc: cannot create files there");
        assertThat(proc.out()).isEmpty();
        assertThat(proc.err().lines().toList()).as("no run started: no summary, no per-file failures").hasSize(1);
    }

    @Test
    void dryRun_writesNothing_andPlansEveryFile() throws IOException {
        Path out = home.resolve("out");
        CliRun.Result r = tgdl().run("--simulate", "download", "@demo", "-o", out.toString(), "--dry-run", "--json");

        JsonNode stats = JSON.readTree(r.out());
        assertThat(r.exitCode()).isZero();
        assertThat(files(out)).isEmpty();
        List<SimMedia> expected = media("demo");
        assertThat(stats.path("planned").asLong()).isEqualTo(expected.size());
        assertThat(stats.path("planned_bytes").asLong()).isEqualTo(expected.stream().mapToLong(SimMedia::size).sum());
        assertThat(stats.path("total_attempts").asLong()).isZero();
    }

    @Test
    void typesFilter_takesOnlyThoseTypes_usingServerSideSearch() throws IOException {
        Path out = home.resolve("out");
        CliRun.Result r = tgdl().run("--simulate", "download", "@demo", "-o", out.toString(), "--types", "photo,video",
                "--json");

        List<SimMedia> expected = media("demo").stream().filter(m -> m.type().equals("photo") || m.type().equals("video"))
                .toList();
        assertThat(r.exitCode()).isZero();
        assertEveryFileDownloaded(out.resolve("demo"), expected);
    }

    @Test
    void idRangeAndLimit_selectExactlyThoseMessages() throws IOException {
        Path out = home.resolve("out");
        tgdl().run("--simulate", "download", "@demo", "-o", out.toString(), "--from-id", "100", "--to-id", "150");
        List<SimMedia> expected = media("demo").stream()
                .filter(m -> m.serverMessageId() >= 100 && m.serverMessageId() <= 150).toList();
        assertEveryFileDownloaded(out.resolve("demo"), expected);

        Path limited = home.resolve("limited");
        tgdl().run("--simulate", "download", "@demo", "-o", limited.toString(), "--limit", "7");
        List<SimMedia> newest = media("demo").stream()
                .sorted((a, b) -> Long.compare(b.serverMessageId(), a.serverMessageId())).limit(7).toList();
        assertEveryFileDownloaded(limited.resolve("demo"), newest);
    }

    @Test
    void dateRange_selectsMessagesByDate() throws IOException {
        Path out = home.resolve("out");
        List<SimMedia> all = media("demo");
        Instant since = all.get(40).date();
        Instant until = all.get(80).date();
        tgdl().run("--simulate", "download", "@demo", "-o", out.toString(), "--since", since.toString(), "--until",
                until.toString());
        List<SimMedia> expected = all.stream().filter(m -> !m.date().isBefore(since) && m.date().isBefore(until)).toList();
        assertEveryFileDownloaded(out.resolve("demo"), expected);
    }

    @Test
    void extensionAndSizeFilters_selectExactlyThoseFiles() throws IOException {
        Path out = home.resolve("out");
        tgdl().run("--simulate", "download", "@demo", "-o", out.toString(), "--include", "pdf,mp4", "--min-size", "50KB",
                "--max-size", "1MB");
        List<SimMedia> expected = media("demo").stream()
                .filter(m -> m.fileName().map(n -> n.endsWith(".pdf") || n.endsWith(".mp4")).orElse(false)
                        || m.fileName().isEmpty() && (m.type().equals("video_note")))
                .filter(m -> m.size() >= 50_000 && m.size() <= 1_000_000).toList();
        assertEveryFileDownloaded(out.resolve("demo"), expected);
    }

    @Test
    void template_laysOutFilesByDateAndType() throws IOException {
        Path out = home.resolve("out");
        tgdl().run("--simulate", "download", "@growing", "-o", out.toString(), "--template",
                "{date:yyyy-MM}/{type}/{message_id}.{ext}");
        for (SimMedia m : media("growing")) {
            String month = m.date().atZone(ZoneId.systemDefault()).toLocalDate().toString().substring(0, 7);
            Path expected = out.resolve(month).resolve(m.type());
            try (Stream<Path> list = Files.list(expected)) {
                assertThat(list.map(p -> p.getFileName().toString()))
                        .anyMatch(n -> n.startsWith(m.serverMessageId() + "."));
            }
        }
    }

    @Test
    void badFlags_exit2_beforeAnyWork() {
        for (String[] args : List.of(
                new String[] {"--simulate", "download", "@demo", "--template", "../{file_name}"},
                new String[] {"--simulate", "download", "@demo", "--types", "pictures"},
                new String[] {"--simulate", "download", "@demo", "--min-size", "lots"},
                new String[] {"--simulate", "download", "@demo", "--since", "yesterday"},
                new String[] {"--simulate", "download", "not a channel!"},
                new String[] {"--simulate", "download", "@demo", "--max-workers", "64"})) {
            CliRun.Result r = tgdl().run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        }
        assertThat(home.resolve("data/tgdl/simulated/builtin/default/tdlib/db/tgdl-sim-session.json")).doesNotExist();
    }

    @Test
    void maxDurationReached_exits5_andTheSummarySaysWhatStoppedTheRun() throws IOException {
        String out = home.resolve("out").toString();
        CliRun.Result text = tgdl().run("--simulate", "download", "@demo", "-o", out, "--max-duration", "5s",
                "--no-progress");
        assertThat(text.exitCode()).as(text.err()).isEqualTo(5);
        assertThat(text.out().lines())
                .contains("stopped early (--max-duration reached): run the same command again to resume");

        CliRun.Result json = tgdl().run("--simulate", "download", "@demo", "-o", home.resolve("again").toString(),
                "--max-duration", "5s", "--json");
        JsonNode doc = JSON.readTree(json.out());
        assertThat(doc.path("stopped").asText()).isEqualTo("max_duration");
        assertThat(doc.path("stopped_detail").asText()).isEqualTo("--max-duration reached");
        assertThat(doc.path("exit_code").asInt()).isEqualTo(5);
    }

    @Test
    void floodWaitAboveTheCap_exits5_andTheSummaryNamesTheWaitAndTheCap() throws IOException {
        Path scenario = Files.writeString(home.resolve("flood.yaml"), """
                limits: {history: {rate: 0.01, burst: 1}, flood: {base: 2m, factor: 1, max: 1h, window: 10m}}
                channels:
                  - {username: busy, id: 3000000009, messages: 400, text_share: 0, deleted_share: 0}
                """);
        CliRun.Result r = tgdl().run("--simulate=" + scenario, "download", "@busy", "-o", home.resolve("out").toString(),
                "--flood-wait-cap", "1m", "--no-progress");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(5);
        assertThat(r.out().lines()).contains("stopped early (Telegram asked to wait 120 s for history of busy, more than "
                + "--flood-wait-cap 60 s): run the same command again to resume");
    }

    @Test
    void messageLink_downloadsThatMessageAndItsAlbum() throws IOException {
        List<SimMedia> all = media("demo");
        SimMedia inAlbum = all.stream().filter(m -> m.albumId() != 0).findFirst().orElseThrow();
        List<SimMedia> album = all.stream().filter(m -> m.albumId() == inAlbum.albumId()).toList();
        Path out = home.resolve("out");
        CliRun.Result r = tgdl().run("--simulate", "download", "https://t.me/demo/" + inAlbum.serverMessageId(), "-o",
                out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertEveryFileDownloaded(out.resolve("demo"), album);
        assertThat(album.size()).isGreaterThan(1);
    }

    @Test
    void inviteLink_needsJoin() throws IOException {
        Path out = home.resolve("out");
        CliRun.Result without = tgdl().run("--simulate", "download", "https://t.me/+TgdlInvite42", "-o", out.toString());
        assertThat(without.exitCode()).isEqualTo(1);
        assertThat(without.out()).contains("--join");
        CliRun.Result with = tgdl().run("--simulate", "download", "https://t.me/+TgdlInvite42", "--join", "-o",
                out.toString());
        assertThat(with.exitCode()).as(with.err()).isZero();
        assertThat(files(out)).hasSize((int) Scenario.builtin().channelModels().stream()
                .filter(c -> c.title().equals("tgdl invite-only")).findFirst().orElseThrow().media(1).count());
    }
}
