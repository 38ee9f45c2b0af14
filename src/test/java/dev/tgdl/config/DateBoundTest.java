package dev.tgdl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateBoundTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest
    @CsvSource({
        "2024-05-01, 2024-04-30T22:00:00Z",
        "2024-05-01T12:00, 2024-05-01T10:00:00Z",
        "2024-05-01T12:00:30, 2024-05-01T10:00:30Z",
        "2024-05-01T12:00:00Z, 2024-05-01T12:00:00Z",
        "2024-05-01T12:00:00+05:00, 2024-05-01T07:00:00Z",
        "2024-05-01T12:00-05:00, 2024-05-01T17:00:00Z"})
    void daysAndLocalTimesAreInTheZone_instantsAreWhereTheySay(String text, String instant) {
        assertThat(DateBound.parse(text).in(BERLIN)).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2024-13-01", "2024-05-01 12:00", "01.05.2024", "2024-05-01T25:00Z"})
    void notADate_namesTheAcceptedForms(String text) {
        assertThatThrownBy(() -> DateBound.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a date; use e.g. 2024-05-01, 2024-05-01T12:00 or 2024-05-01T12:00:00Z");
    }
}
