package dev.tgdl.cli;

import dev.tgdl.config.DataSizes;
import dev.tgdl.config.DateBound;
import dev.tgdl.config.Durations;
import dev.tgdl.telegram.MediaType;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for tgdl's typed options, over the same parsers the configuration uses. A
 * value that does not convert is a {@link TypeConversionException} whose message names the value
 * and the accepted forms; {@link Cli} puts the option's name in front, so the user reads one line
 * such as {@code tgdl: --min-size: '10XB' is not a size; use e.g. 500KB, 10MB, 1.5GiB or a number of bytes}.
 */
final class Converters {

    private Converters() {
    }

    /** Runs {@code parse}, turning its IllegalArgumentException (whose message names the accepted forms) into picocli's. */
    private static <T> T convert(String text, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** Byte sizes: {@code 10MB}, {@code 1.5GiB}, {@code 512K}, a number of bytes. */
    static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            return Converters.convert(text, DataSizes::parse);
        }
    }

    /** Durations: {@code 30s}, {@code 5m}, {@code 1h30m}, a number of seconds. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return Converters.convert(text, Durations::parse);
        }
    }

    /** Dates: {@code 2024-05-01}, {@code 2024-05-01T12:00}, {@code 2024-05-01T12:00:00Z}. */
    static final class DateConverter implements ITypeConverter<DateBound> {
        @Override
        public DateBound convert(String text) {
            return Converters.convert(text, DateBound::parse);
        }
    }

    /** Media types by their labels: {@code photo}, {@code video_note} ... */
    static final class MediaTypeConverter implements ITypeConverter<MediaType> {
        @Override
        public MediaType convert(String text) {
            return MediaType.byLabel(text).orElseThrow(() -> new TypeConversionException("'" + text.strip()
                    + "' is not a media type; use " + String.join(",", MediaType.labels())));
        }
    }

    /** Whole numbers that fit an int (counts of workers). */
    static final class CountConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return Converters.convert(text, t -> wholeNumber(t, Integer::parseInt));
        }
    }

    /** Whole numbers (message ids, file counts). */
    static final class NumberConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            return Converters.convert(text, t -> wholeNumber(t, Long::parseLong));
        }
    }

    private static <T extends Number> T wholeNumber(String text, Function<String, T> parse) {
        try {
            return parse.apply(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number; use e.g. 1, 8, 100");
        }
    }
}
