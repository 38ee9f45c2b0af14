package dev.tgdl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tgdl.app.ExitCode;
import dev.tgdl.sim.Scenario;
import dev.tgdl.sim.SimChannel;
import dev.tgdl.sim.SimFiles;
import dev.tgdl.sim.SimMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tgdl download --export and the export: job key, against the simulator. */
class ExportCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SimChannel DEMO = Scenario.builtin().channel("demo").orElseThrow();

    @TempDir
    Path home;

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static Map<Long, JsonNode> byMessageId(List<JsonNode> lines) {
        return lines.stream().collect(Collectors.toMap(l -> l.path("message_id").asLong(), Function.identity()));
    }

    private static Map<Long, SimMedia> demoMedia() {
        return DEMO.media(1).collect(Collectors.toMap(SimMedia::serverMessageId, Function.identity()));
    }

    /** Every path of every line is a file under {@code out} with the simulator's bytes for that message. */
    private static void assertFilesMatch(Path out, Map<Long, JsonNode> lines, Map<Long, SimMedia> media)
            throws IOException {
        for (JsonNode line : lines.values()) {
            for (JsonNode path : line.path("files")) {
                Path file = out.resolve(path.asText());
                SimMedia m = media.get(line.path("message_id").asLong());
                assertThat(m).as("media of message %s", line.path("message_id")).isNotNull();
                assertThat(SimFiles.matches(file, m.uniqueId(), m.size())).as("bytes of %s", file).isTrue();
            }
        }
    }

    private static List<Path> hidden(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }

    @Test
    void export_hasOneLinePerMessageOfTheChannel_withEachFilePlacedForIt() throws IOException {
        Path out = home.resolve("out");
        Path export = home.resolve("demo.jsonl");
        CliRun.Result r = new CliRun(home).run("--simulate", "download", "@demo", "-o", out.toString(),
                "--export", export.toString(), "--no-progress");
        assertThat(r.exitCode()).as(r.err()).isZero();

        List<JsonNode> lines = lines(export);
        Map<Long, JsonNode> byId = byMessageId(lines);
        List<Long> ids = DEMO.messageIds(1).boxed().toList();
        assertThat(lines).hasSize(ids.size());
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        Map<Long, SimMedia> media = demoMedia();
        for (JsonNode line : lines) {
            long id = line.path("message_id").asLong();
            assertThat(line.path("chat_id").asLong()).isEqualTo(DEMO.chatId());
            assertThat(line.path("sender").path("chat_id").asLong()).isEqualTo(DEMO.chatId());
            assertThat(line.path("date").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(line.path("views").asInt()).isPositive();
            assertThat(line.has("forwards")).isTrue();
            SimMedia m = media.get(id);
            if (m == null) {
                assertThat(line.path("media_type").isNull()).isTrue();
                assertThat(line.path("files")).isEmpty();
                assertThat(line.path("text").asText()).isEqualTo("message " + id);
                assertThat(line.path("entities").get(0).path("type").asText()).isEqualTo("bold");
            } else {
                assertThat(line.path("media_type").asText()).isEqualTo(m.type());
                assertThat(line.path("files")).as("files of %d", id).hasSize(1);
                assertThat(line.path("album_id").isNull()).isEqualTo(m.albumId() == 0);
                if (m.albumId() != 0) {
                    assertThat(line.path("album_id").asText()).isEqualTo(Long.toUnsignedString(m.albumId()));
                }
            }
        }
        assertFilesMatch(out, byId, media);
        // text links carry their url, replies their message, captions their text
        assertThat(lines).anySatisfy(l -> assertThat(l.path("entities").findValuesAsText("url"))
                .contains("https://t.me/demo/" + l.path("message_id").asLong()));
        assertThat(lines).anySatisfy(l -> assertThat(l.path("reply_to_message_id").asLong())
                .isEqualTo(l.path("message_id").asLong() - 1));
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.path("media_type").isNull()).isFalse();
            assertThat(l.path("text").asText()).startsWith("caption ");
        });
        assertThat(hidden(home)).as("no temporary file is left").isEmpty();
    }

    @Test
    void fullRescan_exportsFilesAlreadyThere_withTheirPaths() throws IOException {
        Path out = home.resolve("out");
        assertThat(new CliRun(home).run("--simulate", "download", "@demo", "-o", out.toString()).exitCode()).isZero();
        Path export = home.resolve("again.jsonl");
        CliRun.Result r = new CliRun(home).run("--simulate", "download", "@demo", "-o", out.toString(), "--full",
                "--export", export.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).path("successful_downloads").asLong()).isZero();
        Map<Long, JsonNode> byId = byMessageId(lines(export));
        Map<Long, SimMedia> media = demoMedia();
        assertThat(byId).hasSize((int) DEMO.messageIds(1).count());
        for (long id : media.keySet()) {
            assertThat(byId.get(id).path("files")).as("files of %d", id).hasSize(1);
        }
        assertFilesMatch(out, byId, media);
    }

    @Test
    void typeFilter_stillExportsEveryMessage_filteredOnesWithoutFiles() throws IOException {
        Path out = home.resolve("out");
        Path export = home.resolve("photos.jsonl");
        CliRun.Result r = new CliRun(home).run("--simulate", "download", "@demo", "-o", out.toString(), "--types",
                "photo,video", "--export", export.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Map<Long, JsonNode> byId = byMessageId(lines(export));
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(DEMO.messageIds(1).boxed().toList());
        for (SimMedia m : demoMedia().values()) {
            boolean wanted = m.type().equals("photo") || m.type().equals("video");
            assertThat(byId.get(m.serverMessageId()).path("files")).as("files of %d", m.serverMessageId())
                    .hasSize(wanted ? 1 : 0);
        }
        assertFilesMatch(out, byId, demoMedia());
    }

    @Test
    void stoppedByMaxDuration_exit5_stillMovesACompleteExportIntoPlace() throws IOException {
        Path out = home.resolve("out");
        Path export = home.resolve("partial.jsonl");
        CliRun.Result r = new CliRun(home).run("--simulate", "download", "@demo", "-o", out.toString(),
                "--max-duration", "20s", "--export", export.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(5);
        List<JsonNode> lines = lines(export); // every line parses: nothing half-written
        assertThat(lines).isNotEmpty();
        assertThat(byMessageId(lines).keySet()).isSubsetOf(DEMO.messageIds(1).boxed().toList());
        assertFilesMatch(out, byMessageId(lines), demoMedia());
        assertThat(hidden(home)).isEmpty();
    }

    @Test
    void exportIntoAMissingDirectoryOrOntoADirectory_exits2_namingThePath_andDownloadsNothing() throws IOException {
        Path out = home.resolve("out");
        Path missing = home.resolve("no/such/dir/x.jsonl");
        CliRun.Result r = new CliRun(home).run("--simulate", "download", "@demo", "-o", out.toString(),
                "--export", missing.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains(missing.toString()).contains("does not exist");
        assertThat(out).doesNotExist();

        Path dir = Files.createDirectories(home.resolve("adir"));
        CliRun.Result onDir = new CliRun(home).run("--simulate", "download", "@demo", "-o", out.toString(),
                "--export", dir.toString());
        assertThat(onDir.exitCode()).isEqualTo(2);
        assertThat(onDir.err()).contains(dir.toString()).contains("is a directory");
        assertThat(out).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void archiveJobWithExport_writesTheJobsMessages() throws IOException {
        Path out = home.resolve("archive");
        Path export = home.resolve("job.jsonl");
        Files.createDirectories(home.resolve("config/tgdl"));
        Files.writeString(home.resolve("config/tgdl/config.yaml"), "jobs:\n  - {name: demo, sources: ['@demo'], output: '"
                + out + "', export: '" + export + "'}\n");
        CliRun.Result r = new CliRun(home).run("--simulate", "archive");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Map<Long, JsonNode> byId = byMessageId(lines(export));
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(DEMO.messageIds(1).boxed().toList());
        assertFilesMatch(out, byId, demoMedia());
        assertThat(byId.values().stream().filter(l -> !l.path("files").isEmpty()).count()).isEqualTo(demoMedia().size());

        Files.writeString(home.resolve("config/tgdl/config.yaml"), "jobs:\n  - {name: demo, sources: ['@demo'], output: '"
                + out + "', export: '" + home.resolve("gone/job.jsonl") + "'}\n");
        CliRun.Result bad = new CliRun(home).run("--simulate", "archive");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("job 'demo'").contains(home.resolve("gone/job.jsonl").toString());
    }
}
