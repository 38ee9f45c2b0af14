package dev.tgdl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TDLib's schema (td_api.tl, copied into the test resources), to check JSON documents against:
 * every {@code @type} a constructor, every field one of its fields, every value of the field's type.
 */
public final class TlSchema {

    /**
     * A constructor: its fields, those of them the schema says may be null (TDLib omits those when
     * null; every other field is always written), and the class it belongs to.
     */
    record Constructor(String name, Map<String, String> fields, Set<String> nullable, String result) {
    }

    /** How td_api.tl describes a field that may be absent. */
    private static final Pattern NULLABLE = Pattern.compile("(?i)may be null|null if|if null|pass null|; null\\b|or null\\b");

    private final Map<String, Constructor> constructors = new HashMap<>();
    private final Map<String, Constructor> functions = new HashMap<>();

    private TlSchema() {
    }

    /** The schema from the test resources. */
    public static TlSchema load() throws IOException {
        TlSchema schema = new TlSchema();
        try (InputStream in = TlSchema.class.getResourceAsStream("/td_api.tl")) {
            if (in == null) {
                throw new IOException("td_api.tl is missing from the test resources");
            }
            boolean functionsPart = false;
            StringBuilder comment = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line = line.trim();
                if (line.equals("---functions---")) {
                    functionsPart = true;
                    continue;
                }
                if (line.startsWith("//")) {
                    comment.append(' ').append(line.startsWith("//-") ? line.substring(3) : line.substring(2));
                    continue;
                }
                if (line.isEmpty() || !line.endsWith(";") || !line.contains("=")) {
                    comment.setLength(0);
                    continue;
                }
                Map<String, String> described = descriptions(comment.toString());
                comment.setLength(0);
                String left = line.substring(0, line.lastIndexOf('=')).trim();
                String result = line.substring(line.lastIndexOf('=') + 1, line.length() - 1).trim();
                String[] parts = left.split("\\s+");
                Map<String, String> fields = new LinkedHashMap<>();
                boolean builtin = false;
                for (int i = 1; i < parts.length; i++) {
                    int colon = parts[i].indexOf(':');
                    if (colon < 0) {
                        builtin = true; // "vector {t:Type} # [ t ] = Vector t;" and the like
                        break;
                    }
                    fields.put(parts[i].substring(0, colon), parts[i].substring(colon + 1));
                }
                if (builtin) {
                    continue;
                }
                Set<String> nullable = new HashSet<>();
                fields.forEach((name, type) -> {
                    String text = described.getOrDefault(name, "");
                    if (NULLABLE.matcher(text).find()) {
                        nullable.add(name);
                    }
                });
                Constructor c = new Constructor(parts[0], fields, Set.copyOf(nullable), result);
                (functionsPart ? schema.functions : schema.constructors).put(parts[0], c);
            }
        }
        return schema;
    }

    /** The description of each field in a constructor's comment ({@code @name text @other text}). */
    private static Map<String, String> descriptions(String comment) {
        Map<String, String> out = new HashMap<>();
        Matcher m = Pattern.compile("@(\\w+) ((?:(?!@\\w+ ).)*)").matcher(comment);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /** Whether a function of this name exists. */
    public boolean isFunction(String name) {
        return functions.containsKey(name);
    }

    private boolean requireFields = true;

    /** The same schema, not asking for absent fields (for requests: TDLib takes defaults for them). */
    public TlSchema lenient() {
        TlSchema copy = new TlSchema();
        copy.constructors.putAll(constructors);
        copy.functions.putAll(functions);
        copy.requireFields = false;
        return copy;
    }

    /** The problems of one document (empty when it conforms). */
    public List<String> problems(JsonNode document) {
        List<String> problems = new ArrayList<>();
        checkObject(document, null, "$", problems);
        return problems;
    }

    /** The problems of a request (a function with its arguments). */
    public List<String> requestProblems(JsonNode request) {
        if (requireFields) {
            return lenient().requestProblems(request); // TDLib takes defaults for the fields a request leaves out
        }
        List<String> problems = new ArrayList<>();
        String type = request.path("@type").asText();
        Constructor f = functions.get(type);
        if (f == null) {
            problems.add("$: no function '" + type + "'");
            return problems;
        }
        checkFields(request, f, "$", problems);
        return problems;
    }

    private void checkObject(JsonNode node, String expectedClass, String path, List<String> problems) {
        if (!node.isObject()) {
            problems.add(path + ": expected an object of " + expectedClass + ", got " + node.getNodeType());
            return;
        }
        String type = node.path("@type").asText("");
        Constructor c = constructors.get(type);
        if (c == null) {
            problems.add(path + ": unknown @type '" + type + "'");
            return;
        }
        if (expectedClass != null && !expectedClass.equals(c.result()) && !expectedClass.equals(c.name())) {
            problems.add(path + ": " + type + " is a " + c.result() + ", expected " + expectedClass);
        }
        checkFields(node, c, path, problems);
    }

    private void checkFields(JsonNode node, Constructor c, String path, List<String> problems) {
        if (requireFields) {
            for (String field : c.fields().keySet()) {
                if (!node.has(field) && !c.nullable().contains(field)) {
                    problems.add(path + ": " + c.name() + " lacks '" + field + "' (TDLib writes every field that cannot be null)");
                }
            }
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            if (name.equals("@type") || name.equals("@extra") || name.equals("@client_id")) {
                continue;
            }
            String type = c.fields().get(name);
            if (type == null) {
                problems.add(path + ": " + c.name() + " has no field '" + name + "'");
                continue;
            }
            checkValue(field.getValue(), type, path + "." + name, problems);
        }
    }

    private void checkValue(JsonNode value, String type, String path, List<String> problems) {
        if (value.isNull()) {
            problems.add(path + ": null (TDLib omits null fields)");
            return;
        }
        switch (type) {
            case "int32", "int53" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(path + ": " + type + " must be a JSON number, got " + value);
                }
            }
            case "int64" -> {
                if (!value.isTextual() || !value.asText().matches("-?\\d+")) {
                    problems.add(path + ": int64 must be a JSON string of digits, got " + value);
                }
            }
            case "double" -> {
                if (!value.isNumber()) {
                    problems.add(path + ": double must be a number, got " + value);
                }
            }
            case "string", "bytes" -> {
                if (!value.isTextual()) {
                    problems.add(path + ": " + type + " must be a string, got " + value);
                }
            }
            case "Bool" -> {
                if (!value.isBoolean()) {
                    problems.add(path + ": Bool must be true or false, got " + value);
                }
            }
            default -> {
                if (type.startsWith("vector<")) {
                    String element = type.substring(7, type.length() - 1);
                    if (!value.isArray()) {
                        problems.add(path + ": " + type + " must be an array");
                        return;
                    }
                    for (int i = 0; i < value.size(); i++) {
                        // getMessages answers null for a message that does not exist
                        if (!value.get(i).isNull()) {
                            checkValue(value.get(i), element, path + "[" + i + "]", problems);
                        }
                    }
                } else {
                    checkObject(value, type, path, problems);
                }
            }
        }
    }
}
