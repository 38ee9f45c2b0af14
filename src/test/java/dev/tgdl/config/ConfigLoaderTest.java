package dev.tgdl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void defaults_matchTheDesign() {
        Config c = ConfigLoader.defaults();
        assertThat(c.download().workers()).isEqualTo(2);
        assertThat(c.download().initialDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.download().template()).isEqualTo("{chat}/{message_id}_{file_name}");
        assertThat(c.archive().retryDelays()).containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(10),
                Duration.ofMinutes(20), Duration.ofMinutes(40), Duration.ofMinutes(60));
        assertThat(c.archive().maxAttempts()).isEqualTo(10);
        assertThat(c.apiId()).isEmpty();
        assertThat(c.notifications().enabled()).isFalse();
    }

    @Test
    void fileOverridesDefaults_andEnvironmentOverridesFile() throws IOException {
        Path file = write("""
                api_id: 12345
                api_hash: abc
                download:
                  workers: 3
                  max_size: 1.5GiB
                  stall_timeout: 90s
                  types: [photo, video]
                """);
        Config c = ConfigLoader.load(file, Map.of("TGDL_DOWNLOAD_WORKERS", "5", "TGDL_DOWNLOAD_TYPES", "document,audio"));
        assertThat(c.apiId()).contains(12345);
        assertThat(c.apiHash()).contains("abc");
        assertThat(c.download().workers()).isEqualTo(5);
        assertThat(c.download().types()).containsExactly("document", "audio");
        assertThat(c.download().maxSize()).contains(1_610_612_736L);
        assertThat(c.download().stallTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.download().maxWorkers()).isEqualTo(16);
    }

    @Test
    void jobs_areRead_withUnsetFieldsEmpty() throws IOException {
        Path file = write("""
                jobs:
                  - name: news
                    sources: ["@demo", "https://t.me/big"]
                    output: /srv/archive/news
                    types: [photo]
                    min_size: 10KB
                """);
        Config.JobConfig job = ConfigLoader.load(file, Map.of()).jobs().getFirst();
        assertThat(job.name()).isEqualTo("news");
        assertThat(job.sources()).containsExactly("@demo", "https://t.me/big");
        assertThat(job.output()).contains(Path.of("/srv/archive/news"));
        assertThat(job.types()).contains(List.of("photo"));
        assertThat(job.minSize()).contains(10_000L);
        assertThat(job.template()).isEmpty();
    }

    @Test
    void unknownKey_isNamedWithItsFile() throws IOException {
        Path file = write("download:\n  wokers: 3\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown configuration key 'download.wokers'")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("workers");
    }

    @Test
    void badValueFromEnvironment_namesTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("TGDL_DOWNLOAD_WORKERS", "lots")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("download.workers")
                .hasMessageContaining("TGDL_DOWNLOAD_WORKERS");
    }

    @Test
    void outOfRangeValue_saysTheRule() throws IOException {
        Path file = write("download:\n  max_workers: 64\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("download.max_workers").hasMessageContaining("1..32");
    }

    @Test
    void badDuration_saysTheAcceptedForms() throws IOException {
        Path file = write("download:\n  flood_wait_cap: soon\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("download.flood_wait_cap").hasMessageContaining("50m");
    }

    @Test
    void brokenYaml_givesLineAndColumn() throws IOException {
        Path file = write("download:\n  workers: [1\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML").hasMessageContaining("line");
    }

    @Test
    void missingExplicitFile_isAnError() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }

    @Test
    void duplicateJobNames_areRejected() throws IOException {
        Path file = write("jobs:\n  - {name: a, sources: ['@x']}\n  - {name: a, sources: ['@y']}\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("two jobs are named 'a'");
    }

    @Test
    void exampleConfig_documentsEveryDefaultKey_andLoads() throws IOException {
        Path example = Path.of(System.getProperty("tgdl.home", ".")).resolve("config.example.yaml");
        String text = Files.readString(example);
        // the example is valid configuration
        ConfigLoader.load(example, Map.of());
        String defaults = new String(ConfigLoader.class.getResourceAsStream("defaults.yaml").readAllBytes());
        Matcher keys = Pattern.compile("(?m)^\\s*([a-z_]+):").matcher(defaults);
        while (keys.find()) {
            assertThat(text).as("config.example.yaml documents '%s'", keys.group(1)).contains(keys.group(1) + ":");
        }
        assertThat(Optional.of(text)).get().asString().contains("jobs:");
    }
}
