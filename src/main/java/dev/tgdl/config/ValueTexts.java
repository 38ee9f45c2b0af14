package dev.tgdl.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.Serial;
import java.time.Duration;
import java.util.function.Function;

/**
 * Jackson's side of {@link Durations} and {@link DataSizes}: the one place where YAML values such as
 * {@code 1.5s} or {@code 10MB} become durations and bytes, for config.yaml and the simulator's
 * scenarios alike. A value that is neither fails the mapping with the parser's message.
 */
public final class ValueTexts {

    private ValueTexts() {
    }

    /**
     * The module config.yaml is read with: every duration as {@link DurationText}, every
     * {@code long} as {@link SizeText} (a plain number is a number of bytes, so counts read as
     * before).
     */
    public static SimpleModule module() {
        return new SimpleModule("tgdl-values")
                .addDeserializer(Duration.class, new DurationText())
                .addDeserializer(Long.class, new SizeText())
                .addDeserializer(long.class, new SizeText());
    }

    /** Durations as text ("1.5s", "50m") or a number of seconds. */
    public static final class DurationText extends Parsed<Duration> {

        @Serial
        private static final long serialVersionUID = 1L;

        public DurationText() {
            super(Duration.class, Durations::parse);
        }
    }

    /** Byte sizes as text ("10MB", "1.5GiB") or a number of bytes. */
    public static final class SizeText extends Parsed<Long> {

        @Serial
        private static final long serialVersionUID = 1L;

        public SizeText() {
            super(Long.class, DataSizes::parse);
        }
    }

    /** A scalar read with one of the parsers; its {@link IllegalArgumentException} fails the mapping. */
    private abstract static class Parsed<T> extends StdDeserializer<T> {

        @Serial
        private static final long serialVersionUID = 1L;

        private final transient Function<String, T> parser;

        Parsed(Class<T> type, Function<String, T> parser) {
            super(type);
            this.parser = parser;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return parser.apply(text(p));
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage());
            }
        }
    }

    /** The value as text: a scalar's text, else the token's ("[" for a list, which then fails to parse). */
    private static String text(JsonParser p) throws IOException {
        String text = p.getValueAsString();
        return text == null ? p.getText() : text;
    }
}
