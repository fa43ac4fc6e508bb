package dev.aegis.core.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The input a pipeline task needs: an evaluate body, {@code {"subject": "...", "event": {...}}}. */
final class PipelineInput {

    private PipelineInput() {
    }

    /** What is wrong with {@code input} as a pipeline's input, if anything. */
    static Optional<String> problem(JsonNode input) {
        JsonNode subject = input.get("subject");
        if (subject == null || !subject.isTextual() || subject.asText().isBlank()) {
            return Optional.of("input.subject must be a non-empty string for a pipeline task");
        }
        JsonNode event = input.get("event");
        if (event == null || !event.isObject()) {
            return Optional.of("input.event must be an object for a pipeline task");
        }
        return Optional.empty();
    }
}
