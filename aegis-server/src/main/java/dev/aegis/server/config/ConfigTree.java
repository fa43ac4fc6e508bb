package dev.aegis.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.aegis.core.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A configuration document as a JSON tree that remembers, for every key path ({@code pipelines.x.agents[0]}),
 * where its value was written, so that every error can name the file and line or the environment variable.
 */
final class ConfigTree {

    static final YAMLMapper YAML = new YAMLMapper();

    private final ObjectNode root;
    private final NavigableMap<String, Origin> origins = new TreeMap<>();

    private ConfigTree(ObjectNode root) {
        this.root = root;
    }

    /** Reads one YAML document; {@code source} names it in errors. An empty document is an empty map. */
    static ConfigTree parse(String yaml, String source) {
        try (JsonParser parser = YAML.createParser(yaml)) {
            ConfigTree tree = new ConfigTree(YAML.createObjectNode());
            JsonToken first = parser.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                return tree;
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigException(source + ": the configuration must be a map of keys, found " + first);
            }
            tree.origins.put("", new Origin(source, 1));
            tree.readObject(parser, tree.root, "", source);
            return tree;
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    source + ":" + e.getLocation().getLineNr() + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    ObjectNode root() {
        return root;
    }

    /**
     * SHA-256 of the merged configuration as compact JSON, in hex: two nodes with the same fingerprint run the same
     * settings. Keys are stored hashed, so the fingerprint reveals no secret.
     */
    String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(root.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Where the value at {@code path}, or the nearest enclosing value, was written. */
    Origin originOf(String path) {
        for (String candidate = path; ; candidate = parent(candidate)) {
            Origin origin = origins.get(candidate);
            if (origin != null || candidate.isEmpty()) {
                return origin != null ? origin : new Origin("configuration", 0);
            }
        }
    }

    /** Whether a value was written at exactly {@code path}. */
    boolean has(String path) {
        return origins.containsKey(path);
    }

    /** Merges {@code overlay} over this tree key by key: maps merge, anything else replaces, null removes. */
    void merge(ConfigTree overlay) {
        mergeObject(root, overlay.root, "", overlay);
    }

    /** Replaces the value at {@code path} (a field of an object, or an element of an array). */
    void replace(JsonNode parent, String field, int index, String path, JsonNode value, Origin origin) {
        if (parent instanceof ObjectNode object) {
            object.set(field, value);
        } else {
            ((ArrayNode) parent).set(index, value);
        }
        forget(path);
        origins.put(path, origin);
    }

    static String child(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    static String element(String path, int index) {
        return path + "[" + index + "]";
    }

    private void readObject(JsonParser parser, ObjectNode object, String path, String source) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            String childPath = child(path, field);
            if (object.has(field)) {
                throw new ConfigException(source + ":" + line(parser) + ": duplicate key '" + childPath + "'");
            }
            int keyLine = line(parser);
            parser.nextToken();
            object.set(field, read(parser, childPath, new Origin(source, keyLine)));
        }
    }

    /** Reads the value at {@code path}, written at {@code origin} (the line of its key, or of the element). */
    private JsonNode read(JsonParser parser, String path, Origin origin) throws IOException {
        origins.put(path, origin);
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = YAML.createObjectNode();
                readObject(parser, object, path, origin.source());
                yield object;
            }
            case START_ARRAY -> readArray(parser, path, origin.source());
            default -> YAML.readTree(parser);
        };
    }

    private ArrayNode readArray(JsonParser parser, String path, String source) throws IOException {
        ArrayNode array = YAML.createArrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(read(parser, element(path, array.size()), new Origin(source, line(parser))));
        }
        return array;
    }

    private void mergeObject(ObjectNode base, ObjectNode over, String path, ConfigTree overlay) {
        for (Map.Entry<String, JsonNode> entry : over.properties()) {
            String field = entry.getKey();
            String childPath = child(path, field);
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                base.remove(field);
                forget(childPath);
            } else if (base.get(field) instanceof ObjectNode existing && value instanceof ObjectNode update) {
                origins.put(childPath, overlay.originOf(childPath));
                mergeObject(existing, update, childPath, overlay);
            } else {
                base.set(field, value.deepCopy());
                forget(childPath);
                origins.putAll(overlay.originsUnder(childPath));
            }
        }
    }

    private Map<String, Origin> originsUnder(String path) {
        Map<String, Origin> under = new TreeMap<>();
        for (String key : keysUnder(path)) {
            under.put(key, origins.get(key));
        }
        return under;
    }

    private void forget(String path) {
        keysUnder(path).forEach(origins::remove);
    }

    private List<String> keysUnder(String path) {
        List<String> keys = new ArrayList<>();
        for (String key : origins.tailMap(path, true).keySet()) {
            if (!key.startsWith(path)) {
                break;
            }
            if (key.length() == path.length() || key.charAt(path.length()) == '.' || key.charAt(path.length()) == '[') {
                keys.add(key);
            }
        }
        return keys;
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }
}
