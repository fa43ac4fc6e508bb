package dev.aegis.core.agent.builtin;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A logistic-regression model as its JSON file describes it: features read from the event by JSON pointer and
 * transformed, one weight per feature, and a bias. {@code score = sigmoid(bias + sum(weight * feature))}.
 */
final class LogisticModel {

    /** How a raw event value becomes a feature value. */
    enum Transform {
        IDENTITY,
        LOG1P,
        BOOL;

        double apply(double raw, Feature feature) {
            return switch (this) {
                case IDENTITY -> raw;
                case BOOL -> raw != 0 ? 1 : 0;
                case LOG1P -> {
                    if (raw < 0) {
                        throw new BadInput("model feature '" + feature.name() + "' must not be negative, was " + raw);
                    }
                    yield Math.log1p(raw);
                }
            };
        }
    }

    /** One input: its name, where it is in the event, how it is transformed, and its raw value when absent. */
    record Feature(String name, JsonPointer path, Transform transform, double defaultValue) {}

    /** A scored event: the probability, the log-odds, and each feature's part of the log-odds. */
    record Scoring(double probability, double logit, double[] contributions) {}

    private final String name;
    private final String version;
    private final List<Feature> features;
    private final double[] weights;
    private final double bias;

    private LogisticModel(String name, String version, List<Feature> features, double[] weights, double bias) {
        this.name = name;
        this.version = version;
        this.features = List.copyOf(features);
        this.weights = weights.clone();
        this.bias = bias;
    }

    /**
     * Reads a model file's tree.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    static LogisticModel parse(JsonNode root) {
        ModelFileReader file = new ModelFileReader(root);
        List<Feature> features = file.features();
        double[] weights = file.weights();
        if (weights.length != features.size()) {
            throw new IllegalArgumentException(
                    "has " + weights.length + " weights for " + features.size() + " features; one per feature");
        }
        refuseDuplicates(features);
        file.optionalObject("training");
        return new LogisticModel(file.text("name"), file.text("version"), features, weights, file.number("bias"));
    }

    String name() {
        return name;
    }

    String version() {
        return version;
    }

    List<Feature> features() {
        return features;
    }

    /**
     * The feature values of {@code event}, transformed, in the model's order: what the weights multiply. Training
     * reads events through this method too, so that training and serving cannot disagree.
     *
     * @throws BadInput when a feature's value in the event is not usable
     */
    double[] values(JsonNode event) {
        double[] values = new double[features.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(features.get(i), event);
        }
        return values;
    }

    /** @throws BadInput when a feature's value in the event is not usable */
    Scoring score(JsonNode event) {
        double[] contributions = values(event);
        double logit = bias;
        for (int i = 0; i < contributions.length; i++) {
            contributions[i] *= weights[i];
            logit += contributions[i];
        }
        if (!Double.isFinite(logit)) {
            throw new BadInput("model feature values are out of range: the log-odds is " + logit);
        }
        return new Scoring(1 / (1 + Math.exp(-logit)), logit, contributions);
    }

    private static double value(Feature feature, JsonNode event) {
        JsonNode node = event.at(feature.path());
        double raw = node.isMissingNode() || node.isNull() ? feature.defaultValue() : raw(feature, node);
        return feature.transform().apply(raw, feature);
    }

    private static double raw(Feature feature, JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue() ? 1 : 0;
        }
        if (node.isNumber() && Double.isFinite(node.doubleValue())) {
            return node.doubleValue();
        }
        String shown = node.toString();
        throw new BadInput(String.format(Locale.ROOT, "model feature '%s' at %s must be a number or a boolean, was %s",
                feature.name(), feature.path(), shown.length() > 64 ? shown.substring(0, 61) + "..." : shown));
    }

    private static void refuseDuplicates(List<Feature> features) {
        Set<String> names = new HashSet<>();
        for (Feature feature : features) {
            if (!names.add(feature.name())) {
                throw new IllegalArgumentException("names feature '" + feature.name() + "' twice");
            }
        }
    }
}
