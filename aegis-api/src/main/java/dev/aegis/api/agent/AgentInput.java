package dev.aegis.api.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * What an agent is asked about: the JSON data (an evaluate request's event, or a task's input) and, for
 * evaluations, the subject the data is about.
 */
public record AgentInput(JsonNode data, Optional<String> subject) {

    public AgentInput {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(subject, "subject");
    }

    public static AgentInput of(String subject, JsonNode data) {
        return new AgentInput(data, Optional.of(subject));
    }

    public static AgentInput of(JsonNode data) {
        return new AgentInput(data, Optional.empty());
    }
}
