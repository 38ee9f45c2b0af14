package dev.tgdl.td;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON for TDLib: snake_case field names, nulls omitted (TDLib never writes {@code null} and
 * takes defaults for missing input fields), unknown fields ignored.
 */
public final class TdCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private TdCodec() {
    }

    /** The mapper configured for TDLib's JSON. Thread-safe. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The JSON object for a function: {@code "@type"} first, then its fields. */
    public static ObjectNode toJson(TdApi.Function<?> function) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("@type", function.type());
        JsonNode fields = MAPPER.valueToTree(function);
        if (fields instanceof ObjectNode object) {
            node.setAll(object);
        }
        return node;
    }

    /** Parses one document received from TDLib. */
    public static ObjectNode parse(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new TdException(500, "TDLib sent a non-object JSON value: " + abbreviate(json));
        } catch (JsonProcessingException e) {
            throw new TdException(500, "TDLib sent malformed JSON: " + abbreviate(json));
        }
    }

    /** Reads a TDLib object into {@code type}. */
    public static <T> T read(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw cannotRead(node, type, e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw cannotRead(node, type, e.getMessage());
        }
    }

    private static TdException cannotRead(JsonNode node, Class<?> type, String why) {
        return new TdException(500, "cannot read " + node.path("@type").asText("?") + " as " + type.getSimpleName() + ": " + why);
    }

    /** Serialises a tree compactly. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
