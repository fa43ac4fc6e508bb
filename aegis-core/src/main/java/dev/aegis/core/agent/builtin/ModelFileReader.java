package dev.aegis.core.agent.builtin;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Checks and reads the fields of a model file; every refusal names the field. */
final class ModelFileReader {

    private final JsonNode root;

    ModelFileReader(JsonNode root) {
        if (!root.isObject()) {
            throw new IllegalArgumentException("must hold a JSON object, was " + root.getNodeType());
        }
        this.root = root;
    }

    String text(String field) {
        return text(root, field, field);
    }

    double number(String field) {
        return number(root.get(field), field);
    }

    /** Refuses {@code field} when present and not an object ({@code training} is free-form provenance). */
    void optionalObject(String field) {
        JsonNode value = root.get(field);
        if (value != null && !value.isObject()) {
            throw new IllegalArgumentException(field + " must be an object when present");
        }
    }

    List<LogisticModel.Feature> features() {
        JsonNode array = root.get("features");
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException("features must be a non-empty array");
        }
        List<LogisticModel.Feature> features = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            features.add(feature(array.get(i), "features[" + i + "]"));
        }
        return features;
    }

    double[] weights() {
        JsonNode array = root.get("weights");
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("weights must be an array of numbers, one per feature");
        }
        double[] weights = new double[array.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = number(array.get(i), "weights[" + i + "]");
        }
        return weights;
    }

    private static LogisticModel.Feature feature(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be an object");
        }
        return new LogisticModel.Feature(
                text(node, "name", where + ".name"),
                pointer(text(node, "path", where + ".path"), where + ".path"),
                transform(text(node, "transform", where + ".transform"), where + ".transform"),
                number(node.get("default"), where + ".default"));
    }

    private static JsonPointer pointer(String text, String where) {
        JsonPointer pointer;
        try {
            pointer = JsonPointer.compile(text);
        } catch (IllegalArgumentException e) {
            pointer = JsonPointer.empty();
        }
        if (pointer.matches()) {
            throw new IllegalArgumentException(where + " must be a JSON pointer into the event such as "
                    + "/failed_attempts, was '" + text + "'");
        }
        return pointer;
    }

    private static LogisticModel.Transform transform(String text, String where) {
        try {
            return LogisticModel.Transform.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " must be identity, log1p or bool, was '" + text + "'", e);
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + " must be a non-empty string");
        }
        return value.asText();
    }

    private static double number(JsonNode value, String where) {
        if (value == null || !value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw new IllegalArgumentException(where + " must be a finite number");
        }
        return value.doubleValue();
    }
}
