package dev.aegis.core.agent.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aegis.api.agent.AgentDefinition;
import dev.aegis.core.config.ConfigException;
import dev.aegis.core.config.DurationFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An agent's {@code settings} object, read with defaults and checked at start: a bad value or an unknown key
 * stops start-up with {@code agent '<name>': <setting> ...}. Numbers may also be written as strings, and
 * lists as comma-separated strings, so that {@code AEGIS_*} environment overrides work.
 */
final class Settings {

    private final String agent;
    private final JsonNode node;

    private Settings(String agent, JsonNode node) {
        this.agent = agent;
        this.node = node;
    }

    /** Reads {@code definition}'s settings ({@code null} counts as none), refusing keys outside {@code known}. */
    static Settings of(AgentDefinition definition, String... known) {
        JsonNode node = definition.settings();
        Settings settings = new Settings(definition.name(),
                node.isNull() || node.isMissingNode() ? JsonNodeFactory.instance.objectNode() : node);
        if (!settings.node.isObject()) {
            throw settings.fail("settings", "must be an object, was " + node.getNodeType());
        }
        settings.refuseUnknown(new TreeSet<>(Arrays.asList(known)));
        return settings;
    }

    ConfigException fail(String setting, String problem) {
        return new ConfigException("agent '" + agent + "': " + setting + " " + problem);
    }

    ConfigException fail(String setting, String problem, Throwable cause) {
        return new ConfigException("agent '" + agent + "': " + setting + " " + problem, cause);
    }

    Duration positiveDuration(String key, Duration fallback) {
        return value(key).map(v -> parseDuration(key, v)).orElse(fallback);
    }

    int positiveInt(String key, int fallback) {
        return value(key).map(v -> (int) wholeNumber(key, v, 1, Integer.MAX_VALUE)).orElse(fallback);
    }

    long positiveLong(String key, long fallback) {
        return value(key).map(v -> wholeNumber(key, v, 1, Long.MAX_VALUE)).orElse(fallback);
    }

    double positiveNumber(String key, double fallback) {
        double number = value(key).map(v -> finiteNumber(key, v)).orElse(fallback);
        if (number <= 0) {
            throw fail(key, "must be positive, was " + number);
        }
        return number;
    }

    /** A number in [0, 1], as scores are. */
    double score(String key, double fallback) {
        double number = value(key).map(v -> finiteNumber(key, v)).orElse(fallback);
        if (number < 0 || number > 1) {
            throw fail(key, "must be a score in [0, 1], was " + number);
        }
        return number;
    }

    Optional<String> text(String key) {
        return value(key).map(v -> text(key, v));
    }

    String requiredText(String key) {
        return text(key).orElseThrow(() -> fail(key, "is required"));
    }

    /** A list of strings: a JSON array, or one comma-separated string; empty when absent. */
    List<String> texts(String key) {
        return value(key).map(v -> v.isArray() ? elements(key, v) : split(text(key, v))).orElse(List.of());
    }

    /** An object whose values are strings; empty when absent. */
    Map<String, String> textMap(String key) {
        Optional<JsonNode> value = value(key);
        if (value.isEmpty()) {
            return Map.of();
        }
        if (!value.get().isObject()) {
            throw fail(key, "must be an object of names to strings, was " + value.get().getNodeType());
        }
        Map<String, String> map = new LinkedHashMap<>();
        value.get().properties().forEach(e -> map.put(e.getKey(), text(key + "." + e.getKey(), e.getValue())));
        return map;
    }

    private Optional<JsonNode> value(String key) {
        return Optional.ofNullable(node.get(key));
    }

    private void refuseUnknown(Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw fail(name, known.isEmpty()
                        ? "is not a setting: this agent type takes no settings"
                        : "is not a setting of this agent type (known: " + String.join(", ", known) + ")");
            }
        }
    }

    private Duration parseDuration(String key, JsonNode value) {
        Duration duration;
        try {
            duration = DurationFormat.parse(value.isTextual() ? value.asText() : value.toString());
        } catch (ConfigException e) {
            throw fail(key, "must be a duration such as 60s, 500ms or PT1M, was " + value, e);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw fail(key, "must be positive, was " + value);
        }
        return duration;
    }

    private long wholeNumber(String key, JsonNode value, long min, long max) {
        Optional<Long> number = Numbers.whole(value);
        if (number.isEmpty() || number.get() < min || number.get() > max) {
            throw fail(key, "must be a whole number from " + min + " to " + max + ", was " + value);
        }
        return number.get();
    }

    private double finiteNumber(String key, JsonNode value) {
        return Numbers.finite(value).orElseThrow(() -> fail(key, "must be a number, was " + value));
    }

    private String text(String key, JsonNode value) {
        if (!value.isTextual() || value.asText().isBlank()) {
            throw fail(key, "must be a non-empty string, was " + value);
        }
        return value.asText();
    }

    private List<String> elements(String key, JsonNode array) {
        List<String> texts = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            texts.add(text(key + "[" + i + "]", array.get(i)).trim());
        }
        return List.copyOf(texts);
    }

    private static List<String> split(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
