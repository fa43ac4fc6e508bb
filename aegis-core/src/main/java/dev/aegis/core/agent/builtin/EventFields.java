package dev.aegis.core.agent.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.api.agent.AgentInput;
import dev.aegis.api.time.TimeSource;
import java.net.InetAddress;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Reads the event fields the built-in agents use; a missing or bad field is {@link BadInput}. */
final class EventFields {

    /** Longer texts (device ids, subjects) are refused rather than kept in state. */
    static final int MAX_TEXT_LENGTH = 512;

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private EventFields() {}

    static String subject(AgentInput input) {
        String subject = input.subject().orElseThrow(() -> new BadInput("the call has no subject"));
        if (subject.isBlank() || subject.length() > MAX_TEXT_LENGTH) {
            throw new BadInput("the subject must be 1 to " + MAX_TEXT_LENGTH + " characters");
        }
        return subject;
    }

    /** A string field (a whole number is taken as its decimal text). */
    static String text(JsonNode data, String field) {
        JsonNode value = required(data, field);
        boolean usable = value.isTextual() || value.isIntegralNumber();
        if (!usable || value.asText().isBlank() || value.asText().length() > MAX_TEXT_LENGTH) {
            throw new BadInput("event field '" + field + "' must be a string of 1 to " + MAX_TEXT_LENGTH
                    + " characters, was " + abbreviate(value));
        }
        return value.asText();
    }

    /** A number within {@code [min, max]}. */
    static double number(JsonNode data, String field, double min, double max) {
        JsonNode value = required(data, field);
        if (!value.isNumber() || !(value.doubleValue() >= min && value.doubleValue() <= max)) {
            throw new BadInput("event field '" + field + "' must be a number from " + min + " to " + max
                    + ", was " + abbreviate(value));
        }
        return value.doubleValue();
    }

    static InetAddress ip(JsonNode data) {
        return ip(data, required(data, "ip"));
    }

    static Optional<InetAddress> optionalIp(JsonNode data) {
        return present(data, "ip").map(value -> ip(data, value));
    }

    /** {@code timestamp} as ISO-8601 text or epoch milliseconds; when absent, now. */
    static Instant timestamp(JsonNode data, TimeSource time) {
        return present(data, "timestamp").map(EventFields::instant).orElseGet(time::now);
    }

    private static InetAddress ip(JsonNode data, JsonNode value) {
        return Optional.of(value)
                .filter(JsonNode::isTextual)
                .flatMap(v -> IpAddresses.parse(v.asText().trim()))
                .orElseThrow(() -> new BadInput(
                        "event field 'ip' must be an IPv4 or IPv6 address, was " + abbreviate(value)));
    }

    private static Instant instant(JsonNode value) {
        return parseInstant(value)
                .filter(instant -> !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST))
                .orElseThrow(() -> new BadInput("event field 'timestamp' must be ISO-8601 text "
                        + "(2026-01-01T12:00:00Z) or epoch milliseconds, in years 1 to 9999, was "
                        + abbreviate(value)));
    }

    private static Optional<Instant> parseInstant(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Optional.of(Instant.ofEpochMilli(value.longValue()));
        }
        try {
            return value.isTextual()
                    ? Optional.of(OffsetDateTime.parse(value.asText().trim()).toInstant())
                    : Optional.empty();
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static JsonNode required(JsonNode data, String field) {
        return present(data, field).orElseThrow(() -> new BadInput("event field '" + field + "' is missing"));
    }

    private static Optional<JsonNode> present(JsonNode data, String field) {
        if (!data.isObject()) {
            throw new BadInput("the event must be a JSON object, was " + data.getNodeType());
        }
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}
