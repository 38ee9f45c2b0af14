package dev.tgdl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tgdl.config.ValueTexts.DurationText;
import dev.tgdl.config.ValueTexts.SizeText;
import dev.tgdl.sim.Scenario;
import dev.tgdl.sim.ScenarioException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The YAML forms of durations and sizes, one reader for config.yaml (a module) and scenarios (annotations). */
class ValueTextsTest {

    private static final ObjectMapper WITH_MODULE = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).registerModule(ValueTexts.module());
    private static final ObjectMapper PLAIN = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    record Module(Duration pause, long size) {
    }

    record Annotated(@JsonDeserialize(using = DurationText.class) Duration pause,
                     @JsonDeserialize(using = SizeText.class) long size) {
    }

    @Test
    void module_readsTextAndPlainNumbers() throws IOException {
        assertThat(WITH_MODULE.readValue("pause: 1.5s\nsize: 10MB\n", Module.class))
                .isEqualTo(new Module(Duration.ofMillis(1500), 10_000_000));
        assertThat(WITH_MODULE.readValue("pause: 90\nsize: 4096\n", Module.class))
                .isEqualTo(new Module(Duration.ofSeconds(90), 4096));
    }

    @Test
    void annotations_readTheSameForms() throws IOException {
        assertThat(PLAIN.readValue("pause: 1h30m\nsize: 1.5GiB\n", Annotated.class))
                .isEqualTo(new Annotated(Duration.ofMinutes(90), 1_610_612_736L));
    }

    @Test
    void aValueThatIsNeither_failsTheMappingWithTheParsersMessage() {
        assertThatThrownBy(() -> WITH_MODULE.readValue("pause: fast\nsize: 1\n", Module.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("'fast' is not a duration");
        assertThatThrownBy(() -> PLAIN.readValue("pause: 1s\nsize: huge\n", Annotated.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("'huge' is not a size");
    }

    @Test
    void scenario_withABadSize_isRejectedNamingTheValue(@TempDir Path dir) throws IOException {
        Path yaml = Files.writeString(dir.resolve("bad.yaml"), "limits: {bandwidth: lots}\n");
        assertThatThrownBy(() -> Scenario.load(yaml)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("'lots' is not a size");
    }
}
