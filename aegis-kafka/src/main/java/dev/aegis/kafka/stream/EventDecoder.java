package dev.aegis.kafka.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an event record as the evaluate endpoint reads its body, with an id and the pipeline added:
 * {@code {"id": "...", "pipeline": "...", "subject": "...", "event": {...}}}, keyed by the subject. Anything else is
 * a {@link Decoded.Rejection} that names what is wrong.
 */
final class EventDecoder {

    static final int MAX_ID_LENGTH = 200;
    static final int MAX_SUBJECT_LENGTH = 256;
    private static final Set<String> FIELDS = Set.of("id", "pipeline", "subject", "event");
    private static final ObjectReader READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build().reader();

    private EventDecoder() {}

    static Decoded decode(String key, byte[] value) {
        try {
            JsonNode body = object(value);
            requireOnlyKnownFields(body);
            Decoded.StreamEvent event = new Decoded.StreamEvent(text(body, "id", MAX_ID_LENGTH),
                    text(body, "pipeline", Integer.MAX_VALUE), text(body, "subject", MAX_SUBJECT_LENGTH),
                    event(body));
            requireKeyIsSubject(key, event.subject());
            return event;
        } catch (InvalidEvent e) {
            return new Decoded.Rejection(DeadLetterReason.INVALID_EVENT, e.getMessage());
        }
    }

    private static JsonNode object(byte[] value) {
        if (value == null || value.length == 0) {
            throw new InvalidEvent("the value is empty; an event is a JSON object");
        }
        JsonNode body;
        try {
            body = READER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new InvalidEvent("the value is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidEvent("the value cannot be read: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new InvalidEvent("the value must be a JSON object, was " + typeOf(body));
        }
        return body;
    }

    private static void requireOnlyKnownFields(JsonNode body) {
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw new InvalidEvent("unknown field '" + field.getKey()
                        + "'; an event has id, pipeline, subject and event");
            }
        }
    }

    private static String text(JsonNode body, String field, int maxLength) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidEvent(field + " is required: a non-empty string");
        }
        if (!node.isTextual()) {
            throw new InvalidEvent(field + " must be a string, was " + typeOf(node));
        }
        String text = node.textValue();
        if (text.isBlank() || text.length() > maxLength) {
            throw new InvalidEvent(field + " must be 1 to " + maxLength + " characters and not blank, was "
                    + text.length());
        }
        return text;
    }

    private static JsonNode event(JsonNode body) {
        JsonNode event = body.get("event");
        if (event == null || event.isNull()) {
            throw new InvalidEvent("event is required: a JSON object");
        }
        if (!event.isObject()) {
            throw new InvalidEvent("event must be an object, was " + typeOf(event));
        }
        return event;
    }

    /** The key places the record, so it must be the subject: else one subject's events could be reordered. */
    private static void requireKeyIsSubject(String key, String subject) {
        if (!subject.equals(key)) {
            throw new InvalidEvent("the record's key must be the subject '" + subject + "', was "
                    + (key == null ? "none" : "'" + key + "'"));
        }
    }

    private static String typeOf(JsonNode node) {
        return node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** A record that is not an event; a rejection, so it carries no stack trace. */
    private static final class InvalidEvent extends RuntimeException {

        InvalidEvent(String message) {
            super(message, null, false, false);
        }
    }
}
