package dev.tgdl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tgdl.sim.Scenario;
import dev.tgdl.sim.SimMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The typed command line: sizes, durations, dates and counts are converted by the option itself,
 * and a mistake is one line on stderr naming the flag and what it accepts, with exit 2 before any work.
 */
class TypedOptionsCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private Path session() {
        return home.resolve("data/tgdl/simulated/builtin/default/tdlib/db/tgdl-sim-session.json");
    }

    private void assertUsageError(CliRun.Result r, String line) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("tgdl: " + line + System.lineSeparator());
        assertThat(r.out()).isEmpty();
        assertThat(session()).as("nothing was opened").doesNotExist();
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(List.of("download", "@demo", "--min-size", "10XB"),
                        "--min-size: '10XB' is not a size; use e.g. 500KB, 10MB, 1.5GiB or a number of bytes"),
                Arguments.of(List.of("download", "@demo", "--max-size", "huge"),
                        "--max-size: 'huge' is not a size; use e.g. 500KB, 10MB, 1.5GiB or a number of bytes"),
                Arguments.of(List.of("download", "@demo", "--max-delay", "fast"),
                        "--max-delay: 'fast' is not a duration; use e.g. 500ms, 1.5s, 50m, 2h, 1h30m"),
                Arguments.of(List.of("download", "@demo", "--flood-wait-cap", "5 minutes"),
                        "--flood-wait-cap: '5 minutes' is not a duration; use e.g. 500ms, 1.5s, 50m, 2h, 1h30m"),
                Arguments.of(List.of("download", "@demo", "--max-duration", "106752d"),
                        "--max-duration: '106752d' is too long; use at most 106751d"),
                Arguments.of(List.of("archive", "--max-duration", "5x"),
                        "--max-duration: '5x' is not a duration; use e.g. 500ms, 1.5s, 50m, 2h, 1h30m"),
                Arguments.of(List.of("download", "@demo", "--since", "yesterday"),
                        "--since: 'yesterday' is not a date; use e.g. 2024-05-01, 2024-05-01T12:00 or 2024-05-01T12:00:00Z"),
                Arguments.of(List.of("download", "@demo", "--until", "2024-02-30"),
                        "--until: '2024-02-30' is not a date; use e.g. 2024-05-01, 2024-05-01T12:00 or 2024-05-01T12:00:00Z"),
                Arguments.of(List.of("download", "@demo", "--types", "photo,pictures"),
                        "--types: 'pictures' is not a media type; use photo,video,document,audio,voice,video_note,animation,sticker"),
                Arguments.of(List.of("download", "@demo", "--limit", "ten"),
                        "--limit: 'ten' is not a whole number; use e.g. 1, 8, 100"),
                Arguments.of(List.of("download", "@demo", "--workers", "2.5"),
                        "--workers: '2.5' is not a whole number; use e.g. 1, 8, 100"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void aValueThatDoesNotConvert_isOneLineNamingTheFlagAndTheAcceptedForms_exit2(List<String> args, String line) {
        List<String> all = Stream.concat(Stream.of("--simulate"), args.stream()).toList();
        assertUsageError(new CliRun(home).run(all.toArray(String[]::new)), line);
    }

    static Stream<Arguments> flagsThatDoNotGoTogether() {
        return Stream.of(
                Arguments.of(List.of("--workers", "8", "--max-workers", "4"), "--workers 8 is above --max-workers 4"),
                Arguments.of(List.of("--max-workers", "64"), "--max-workers must be 1..32, got 64"),
                Arguments.of(List.of("--workers", "0"), "--workers must be 1..32, got 0"),
                Arguments.of(List.of("--min-delay", "5s", "--max-delay", "1s"), "--min-delay 5s is above --max-delay 1s"),
                Arguments.of(List.of("--min-size", "1MB", "--max-size", "1KB"),
                        "--max-size (1000 bytes) is smaller than --min-size (1000000 bytes): nothing could match"),
                Arguments.of(List.of("--from-id", "150", "--to-id", "100"),
                        "--from-id 150 is above --to-id 100: nothing could match"),
                Arguments.of(List.of("--from-id", "0"), "--from-id must be a message id from 1 (as in t.me links), got 0"),
                Arguments.of(List.of("--limit", "0"), "--limit must be 1 or more, got 0"),
                Arguments.of(List.of("--since", "2024-05-02T00:00:00Z", "--until", "2024-05-01T00:00:00Z"),
                        "--since (2024-05-02T00:00:00Z) must be before --until (2024-05-01T00:00:00Z)"),
                Arguments.of(List.of("--types", ","),
                        "--types is empty: name at least one of photo,video,document,audio,voice,video_note,animation,sticker"));
    }

    @ParameterizedTest
    @MethodSource("flagsThatDoNotGoTogether")
    void valuesThatCannotWork_nameTheFlagsAsTyped_exit2(List<String> flags, String line) {
        List<String> all = Stream.concat(Stream.of("--simulate", "download", "@demo"), flags.stream()).toList();
        assertUsageError(new CliRun(home).run(all.toArray(String[]::new)), line);
    }

    @Test
    void aFlagAtOddsWithTheConfiguration_namesTheFlagAndTheConfigurationKey() throws IOException {
        Files.createDirectories(home.resolve("config/tgdl"));
        Files.writeString(home.resolve("config/tgdl/config.yaml"), "download: {min_size: 1MB}\n");
        assertUsageError(new CliRun(home).run("--simulate", "download", "@demo", "--max-size", "1KB"),
                "--max-size (1000 bytes) is smaller than download.min_size (1000000 bytes): nothing could match");
    }

    @Test
    void anArchiveJobThatCannotWork_namesTheJobAndItsKeys() throws IOException {
        Files.createDirectories(home.resolve("config/tgdl"));
        Files.writeString(home.resolve("config/tgdl/config.yaml"), "jobs:\n  - {name: a, sources: ['@demo'], output: '"
                + home.resolve("x") + "', min_size: 1MB, max_size: 1KB}\n");
        assertUsageError(new CliRun(home).run("--simulate", "archive"),
                "job 'a': max_size (1000 bytes) is smaller than min_size (1000000 bytes): nothing could match");
    }

    @Test
    void aBenchScenarioThatIsNeitherANameNorAFile_isAUsageError_listingTheNames() {
        CliRun.Result r = new CliRun(home).run("bench", "--scenario", "strict,bursty", "--no-extras");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("tgdl: --scenario strict,bursty: ")
                .contains("give one of demo, strict, bursty, flaky, large, throttled, big, or a scenario YAML file")
                .doesNotContain("a bug in tgdl");
    }

    @Test
    void aMistypedFlagAfterSimulate_isNamedAsSuch_notAsAMissingScenarioFile() {
        assertUsageError(new CliRun(home).run("--simulate", "--bogus", "whoami"),
                "--simulate took '--bogus' as its scenario: no such file; give a scenario as --simulate=NAME,"
                        + " or check that option's spelling");
    }

    @Test
    void verboseAndQuiet_excludeEachOther_beforeOrAfterTheCommand_exit2() {
        String line = "-v/--verbose and -q/--quiet exclude each other: give one of them, or neither";
        assertUsageError(new CliRun(home).run("--simulate", "-v", "-q", "whoami"), line);
        assertUsageError(new CliRun(home).run("--simulate", "-q", "whoami", "-vv"), line);
        assertUsageError(new CliRun(home).run("--simulate", "download", "@demo", "--quiet", "--verbose"), line);
        assertThat(new CliRun(home).run("--simulate", "whoami", "-vv").exitCode()).isZero();
        assertThat(new CliRun(home).run("--simulate", "-q", "whoami").exitCode()).isZero();
    }

    @Test
    void anUnknownOption_isNamed_andPointsToTheHelp() {
        CliRun.Result r = new CliRun(home).run("--simulate", "download", "@demo", "--min-szie", "1MB");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly("tgdl: Unknown option: '--min-szie' (see 'tgdl download --help')");
    }

    @Test
    void typedValuesInEveryAcceptedForm_selectWhatTheySay() throws IOException {
        List<SimMedia> all = Scenario.builtin().channel("demo").orElseThrow().media(1).toList();
        Instant since = all.get(10).date();
        CliRun.Result r = new CliRun(home).run("--simulate", "download", "@demo", "-o", home.resolve("out").toString(),
                "--dry-run", "--json", "--min-size", "100KB", "--max-size", "1.5MiB", "--since", since.toString(),
                "--until", "2100-01-01T00:00", "--min-delay", "10ms", "--max-delay", "1m30s", "--flood-wait-cap", "1h",
                "--max-duration", "1h30m", "--workers", "2", "--max-workers", "4", "--limit", "1000");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = JSON.readTree(r.out());
        long expected = all.stream().filter(m -> m.size() >= 100_000 && m.size() <= 1_572_864)
                .filter(m -> !m.date().isBefore(since)).count();
        assertThat(expected).isPositive();
        assertThat(doc.path("planned").asLong()).isEqualTo(expected);
        assertThat(doc.path("controller").path("max_workers").asInt()).isEqualTo(4);
    }
}
