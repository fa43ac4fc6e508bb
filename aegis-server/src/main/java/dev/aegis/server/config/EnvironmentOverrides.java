package dev.aegis.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aegis.core.config.ConfigException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code AEGIS_*} environment variables set existing keys: the rest of the name is split at underscores and
 * matched against the key path, each level taking the longest run of words that names an existing key
 * ({@code AEGIS_RATE_LIMITS_PER_IP_CAPACITY} is {@code rate_limits.per_ip.capacity}; hyphens in keys match
 * underscores; array elements are numbers). A variable that names no existing key stops start-up.
 */
final class EnvironmentOverrides {

    static final String PREFIX = "AEGIS_";

    /**
     * Variables with the prefix that are not configuration keys: the bootstrap key, the log level read by
     * {@code logback.xml}, the configuration file of {@code serve}, the launcher's JVM options and the load
     * tester's API key.
     */
    static final Set<String> RESERVED = Set.of(
            AuthConfig.BOOTSTRAP_KEY_VARIABLE, "AEGIS_LOG_LEVEL", "AEGIS_CONFIG", "AEGIS_JAVA_OPTS", "AEGIS_KEY");

    private EnvironmentOverrides() {}

    static void apply(ConfigTree tree, Map<String, String> environment) {
        new TreeMap<>(environment).forEach((name, value) -> {
            if (name.startsWith(PREFIX) && !RESERVED.contains(name)) {
                apply(tree, name, value);
            }
        });
    }

    private static void apply(ConfigTree tree, String variable, String value) {
        List<String> words = List.of(variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT).split("_", -1));
        Target target = find(tree.root(), words, 0, "")
                .orElseThrow(() -> new ConfigException(variable + " names no configuration key: "
                        + explain(tree.root(), words) + "; unset it or fix its name"));
        tree.replace(target.parent(), target.field(), target.index(), target.path(), valueOf(value, target.current()),
                Origin.variable(variable));
    }

    private static Optional<Target> find(JsonNode node, List<String> words, int from, String path) {
        if (node instanceof ObjectNode object) {
            return findField(object, words, from, path);
        }
        if (node instanceof ArrayNode array) {
            return findElement(array, words, from, path);
        }
        return Optional.empty();
    }

    private static Optional<Target> findField(ObjectNode object, List<String> words, int from, String path) {
        for (int to = words.size(); to > from; to--) {
            String wanted = String.join("_", words.subList(from, to));
            for (String field : fieldNames(object)) {
                if (normalized(field).equals(wanted)) {
                    String childPath = ConfigTree.child(path, field);
                    Optional<Target> found = to == words.size()
                            ? Optional.of(new Target(object, field, -1, childPath, object.get(field)))
                            : find(object.get(field), words, to, childPath);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Target> findElement(ArrayNode array, List<String> words, int from, String path) {
        int index = indexOf(words.get(from), array.size());
        if (index < 0) {
            return Optional.empty();
        }
        String childPath = ConfigTree.element(path, index);
        return from + 1 == words.size()
                ? Optional.of(new Target(array, null, index, childPath, array.get(index)))
                : find(array.get(index), words, from + 1, childPath);
    }

    /** Says how far the name matched, for the error message. */
    private static String explain(JsonNode root, List<String> words) {
        JsonNode node = root;
        String path = "";
        int from = 0;
        while (node instanceof ObjectNode object && from < words.size()) {
            Optional<String> field = longestField(object, words, from);
            if (field.isEmpty()) {
                String under = path.isEmpty() ? "at the top level" : "under '" + path + "'";
                return "no key '" + String.join("_", words.subList(from, words.size())) + "' " + under
                        + " (keys there: " + String.join(", ", fieldNames(object)) + ")";
            }
            from += normalized(field.get()).split("_", -1).length;
            path = ConfigTree.child(path, field.get());
            node = object.get(field.get());
        }
        return "'" + path + "' has no key '" + String.join("_", words.subList(from, words.size())) + "'";
    }

    private static Optional<String> longestField(ObjectNode object, List<String> words, int from) {
        for (int to = words.size(); to > from; to--) {
            String wanted = String.join("_", words.subList(from, to));
            for (String field : fieldNames(object)) {
                if (normalized(field).equals(wanted)) {
                    return Optional.of(field);
                }
            }
        }
        return Optional.empty();
    }

    /** Text keys stay text; anything else is read as YAML, so numbers, booleans and lists keep their type. */
    private static JsonNode valueOf(String value, JsonNode current) {
        if (current.isTextual()) {
            return TextNode.valueOf(value);
        }
        try {
            JsonNode parsed = ConfigTree.YAML.readTree(value);
            return parsed == null || parsed.isMissingNode() || parsed.isNull() ? TextNode.valueOf(value) : parsed;
        } catch (IOException e) {
            return TextNode.valueOf(value);
        }
    }

    private static int indexOf(String word, int size) {
        if (word.isEmpty() || word.length() > 9 || !word.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int index = Integer.parseInt(word);
        return index < size ? index : -1;
    }

    private static List<String> fieldNames(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String normalized(String field) {
        return field.toLowerCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    private record Target(JsonNode parent, String field, int index, String path, JsonNode current) {}
}
