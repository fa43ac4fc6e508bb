package dev.aegis.core.agent.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Numbers read from JSON, as a number or as a string that holds one. */
final class Numbers {

    private Numbers() {}

    /** A finite number; empty for anything else. */
    static Optional<Double> finite(JsonNode value) {
        double number;
        if (value.isNumber()) {
            number = value.doubleValue();
        } else if (value.isTextual()) {
            number = parse(value.asText().trim());
        } else {
            return Optional.empty();
        }
        return Double.isFinite(number) ? Optional.of(number) : Optional.empty();
    }

    /** A whole number that fits a {@code long}; empty for anything else, fractions included. */
    static Optional<Long> whole(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Optional.of(value.longValue());
        }
        if (value.isTextual()) {
            try {
                return Optional.of(Long.parseLong(value.asText().trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
