package dev.tgdl.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.tgdl.download.Policies;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds {@link Config}: built-in defaults, then the YAML file, then {@code TGDL_*} environment
 * variables. A variable's name is {@code TGDL_} plus the key path in upper case with {@code _}
 * between levels ({@code download.max_workers} → {@code TGDL_DOWNLOAD_MAX_WORKERS}); list keys take
 * comma-separated values. Unknown keys and bad values are {@link ConfigException}s naming the key
 * and where its value came from.
 */
public final class ConfigLoader {

    private static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace");
    private static final Set<String> TYPES = Set.of("photo", "video", "document", "audio", "voice", "video_note",
            "animation", "sticker");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new Jdk8Module())
            .registerModule(ValueTexts.module())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigLoader() {
    }

    /** The built-in defaults alone. */
    public static Config defaults() {
        return load(null, Map.of());
    }

    /**
     * Loads the configuration.
     *
     * @param file        the YAML file, or {@code null} for none (a missing file is an error only when
     *                    the user named it; pass {@code null} for an absent default file)
     * @param environment the process environment ({@code TGDL_*} variables are read)
     * @throws ConfigException naming the key, the value's origin and what is accepted
     */
    public static Config load(Path file, Map<String, String> environment) {
        ObjectNode tree = defaultsTree();
        Map<String, String> origins = new LinkedHashMap<>();
        if (file != null) {
            JsonNode fromFile = readFile(file);
            if (!fromFile.isNull() && !fromFile.isMissingNode()) {
                if (!(fromFile instanceof ObjectNode object)) {
                    throw new ConfigException(file + ": the configuration must be a YAML mapping of keys to values");
                }
                merge(tree, object, "", file.getFileName().toString(), origins);
            }
        }
        applyEnvironment(tree, environment, origins);
        Config config;
        try {
            config = YAML.treeToValue(tree, Config.class);
        } catch (UnrecognizedPropertyException e) {
            String key = path(e);
            throw new ConfigException("unknown configuration key '" + key + "'" + originOf(key, origins, file)
                    + "; known keys at that level: " + String.join(", ", knownNames(e)));
        } catch (JsonMappingException e) {
            String key = path(e);
            throw new ConfigException("bad value for '" + key + "'" + originOf(key, origins, file) + ": "
                    + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new ConfigException("cannot read the configuration: " + firstLine(e.getOriginalMessage()));
        }
        validate(config, origins, file);
        return config;
    }

    private static ObjectNode defaultsTree() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("defaults.yaml")) {
            if (in == null) {
                throw new IllegalStateException("defaults.yaml is missing from the tgdl jar");
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in defaults", e);
        }
    }

    private static JsonNode readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + " does not exist: create it (see config.example.yaml) or drop --config");
        }
        try {
            JsonNode node = YAML.readTree(file.toFile());
            return node == null ? JsonNodeFactory.instance.nullNode() : node;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
            throw new ConfigException(file + " is not valid YAML" + where + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
    }

    /** Deep-merges {@code overlay} into {@code base}, recording where each leaf came from. */
    private static void merge(ObjectNode base, ObjectNode overlay, String prefix, String origin, Map<String, String> origins) {
        for (Map.Entry<String, JsonNode> field : overlay.properties()) {
            String key = prefix + field.getKey();
            JsonNode existing = base.get(field.getKey());
            if (existing instanceof ObjectNode baseObject && field.getValue() instanceof ObjectNode overlayObject) {
                merge(baseObject, overlayObject, key + ".", origin, origins);
            } else {
                base.set(field.getKey(), field.getValue());
                origins.put(key, origin);
            }
        }
    }

    /** Applies TGDL_* variables to the scalar and list keys that exist in the defaults. */
    private static void applyEnvironment(ObjectNode tree, Map<String, String> environment, Map<String, String> origins) {
        for (Map.Entry<String, ObjectNode> leaf : leafParents(defaultsTree(), "").entrySet()) {
            String key = leaf.getKey();
            String variable = "TGDL_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
            String value = environment.get(variable);
            if (value == null) {
                continue;
            }
            ObjectNode parent = tree;
            String[] parts = key.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                parent = (ObjectNode) parent.get(parts[i]);
            }
            String name = parts[parts.length - 1];
            if (leaf.getValue().get(name) instanceof ArrayNode) {
                ArrayNode list = parent.putArray(name);
                for (String item : value.split(",")) {
                    if (!item.isBlank()) {
                        list.add(item.trim());
                    }
                }
            } else {
                parent.put(name, value);
            }
            origins.put(key, variable);
        }
    }

    /** Every leaf key path of the defaults (jobs excluded), mapped to its parent object. */
    private static Map<String, ObjectNode> leafParents(ObjectNode node, String prefix) {
        Map<String, ObjectNode> leaves = new LinkedHashMap<>();
        node.properties().forEach(field -> {
            String key = prefix + field.getKey();
            if (key.equals("jobs")) {
                return;
            }
            if (field.getValue() instanceof ObjectNode child) {
                leaves.putAll(leafParents(child, key + "."));
            } else {
                leaves.put(key, node);
            }
        });
        return leaves;
    }

    private static void validate(Config c, Map<String, String> origins, Path file) {
        var d = c.download();
        check(LEVELS.contains(c.logLevel()), "log_level", "must be one of " + LEVELS, origins, file);
        check(c.tdlibVerbosity() >= 0 && c.tdlibVerbosity() <= 5, "tdlib_verbosity", "must be 0..5", origins, file);
        check(d.workers() >= 1 && d.workers() <= 32, "download.workers", "must be 1..32", origins, file);
        check(d.maxWorkers() >= 1 && d.maxWorkers() <= 32, "download.max_workers", "must be 1..32", origins, file);
        check(!d.minDelay().isNegative() && d.minDelay().compareTo(d.maxDelay()) <= 0, "download.min_delay",
                "must be between 0 and download.max_delay", origins, file);
        check(Policies.NAMES.contains(d.policy()), "download.policy", "must be one of " + String.join(", ", Policies.NAMES),
                origins, file);
        check(d.requestRate() > 0, "download.request_rate", "must be above 0", origins, file);
        check(d.requestBurst() >= 1, "download.request_burst", "must be at least 1", origins, file);
        check(d.maxRetries() >= 0, "download.max_retries", "must be 0 or more", origins, file);
        check(!d.stallTimeout().isZero() && !d.stallTimeout().isNegative(), "download.stall_timeout", "must be above 0", origins, file);
        check(d.minSize() >= 0, "download.min_size", "must be 0 or more", origins, file);
        checkTypes(d.types(), "download.types", origins, file);
        zone(d.timezone(), origins, file);
        check(c.archive().maxAttempts() >= 1, "archive.max_attempts", "must be at least 1", origins, file);
        check(Set.of("failures", "always").contains(c.notifications().when()), "notify.when", "must be failures or always", origins, file);
        check(c.notifications().perChatRate() > 0 && c.notifications().globalRate() > 0, "notify.per_chat_rate",
                "rates must be above 0", origins, file);
        List<String> names = new ArrayList<>();
        for (Config.JobConfig job : c.jobs()) {
            if (job.name() == null || job.name().isBlank()) {
                throw new ConfigException("a job in " + where(file) + " has no name: give every job a 'name:'");
            }
            if (names.contains(job.name())) {
                throw new ConfigException("two jobs are named '" + job.name() + "' in " + where(file) + ": job names must be unique");
            }
            names.add(job.name());
            if (job.sources() == null || job.sources().isEmpty()) {
                throw new ConfigException("job '" + job.name() + "' has no sources: add 'sources: [\"@channel\"]'");
            }
            job.types().ifPresent(t -> checkTypes(t, "jobs." + job.name() + ".types", origins, file));
            job.workers().ifPresent(w -> check(w >= 1 && w <= 32, "jobs." + job.name() + ".workers", "must be 1..32", origins, file));
            job.maxWorkers().ifPresent(w -> check(w >= 1 && w <= 32, "jobs." + job.name() + ".max_workers", "must be 1..32", origins, file));
        }
    }

    /** The zone of a {@code timezone} value ("local" = the system zone). */
    public static ZoneId zone(String timezone, Map<String, String> origins, Path file) {
        if (timezone.equals("local")) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(timezone);
        } catch (RuntimeException e) {
            throw new ConfigException("bad value for 'download.timezone'" + originOf("download.timezone", origins, file)
                    + ": '" + timezone + "' is not a time zone (use local, UTC or an id such as Europe/Berlin)");
        }
    }

    private static void checkTypes(List<String> types, String key, Map<String, String> origins, Path file) {
        for (String type : types) {
            check(TYPES.contains(type), key, "'" + type + "' is not a media type; use " + String.join(",", sortedTypes()),
                    origins, file);
        }
    }

    /** The media type names accepted by {@code types}. */
    public static List<String> sortedTypes() {
        return List.of("photo", "video", "document", "audio", "voice", "video_note", "animation", "sticker");
    }

    private static void check(boolean ok, String key, String rule, Map<String, String> origins, Path file) {
        if (!ok) {
            throw new ConfigException("bad value for '" + key + "'" + originOf(key, origins, file) + ": " + rule);
        }
    }

    private static String originOf(String key, Map<String, String> origins, Path file) {
        String origin = origins.get(key);
        if (origin == null) {
            for (Map.Entry<String, String> e : origins.entrySet()) {
                if (key.startsWith(e.getKey() + ".") || key.startsWith(e.getKey() + "[")) {
                    origin = e.getValue();
                }
            }
        }
        if (origin == null) {
            return file == null ? "" : " (in " + file + ")";
        }
        return origin.startsWith("TGDL_") ? " (from " + origin + ")" : " (in " + (file == null ? origin : file) + ")";
    }

    private static String where(Path file) {
        return file == null ? "the configuration" : file.toString();
    }

    private static String path(JsonMappingException e) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!key.isEmpty()) {
                    key.append('.');
                }
                key.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                key.append('[').append(ref.getIndex()).append(']');
            }
        }
        return key.toString();
    }

    private static List<String> knownNames(UnrecognizedPropertyException e) {
        return e.getKnownPropertyIds() == null ? List.of()
                : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.toList());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid value";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
