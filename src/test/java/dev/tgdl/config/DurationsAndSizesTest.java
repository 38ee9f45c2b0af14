package dev.tgdl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsAndSizesTest {

    @ParameterizedTest
    @CsvSource({"500ms, 500", "1.5s, 1500", "50m, 3000000", "2h, 7200000", "1h30m, 5400000", "1d, 86400000", "90, 90000",
        "0.05s, 50"})
    void durations_parseToMillis(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fast", "5 minutes", "-1s", "1.s"})
    void badDurations_nameTheAcceptedForms(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a duration").hasMessageContaining("50m");
    }

    @ParameterizedTest
    @ValueSource(strings = {"106752d", "99999999999999999999", "106751d1d"})
    void durationsBeyondWhatALongHolds_areRejected_notWrappedAround(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is too long; use at most 106751d");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10000000TB", "8388608TiB", "99999999999999999999"})
    void sizesBeyondWhatALongHolds_areRejected_notWrappedAround(String text) {
        assertThatThrownBy(() -> DataSizes.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
    }

    @ParameterizedTest
    @CsvSource({"10MB, 10000000", "1.5GiB, 1610612736", "512K, 524288", "2kb, 2000", "100, 100", "1 MiB, 1048576"})
    void sizes_parseToBytes(String text, long bytes) {
        assertThat(DataSizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "big", "10XB", "-5MB"})
    void badSizes_nameTheAcceptedForms(String text) {
        assertThatThrownBy(() -> DataSizes.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a size; use e.g. 500KB, 10MB, 1.5GiB or a number of bytes");
    }

    @ParameterizedTest
    @CsvSource({"512, 512 B", "1536, 1.5 KiB", "3355443, 3.2 MiB"})
    void sizes_formatWithBinaryUnits(long bytes, String text) {
        assertThat(DataSizes.format(bytes)).isEqualTo(text);
    }
}
