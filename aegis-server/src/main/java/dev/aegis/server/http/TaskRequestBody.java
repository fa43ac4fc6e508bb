package dev.aegis.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.TaskTarget;
import dev.aegis.core.task.TaskRequest;
import dev.aegis.core.task.TasksConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the body of {@code POST /v1/tasks} into a task request: exactly one of {@code agent} and {@code pipeline},
 * {@code priority} (default normal), {@code input} (required, any JSON but null), and the optional
 * {@code idempotency_key}, {@code max_attempts} and {@code timeout_ms}. A field at fault, an unknown field first, is
 * a 400 naming it; {@code null} counts as absent. Ranges and names are the task service's to check.
 */
final class TaskRequestBody {

    static final String SHAPE = "{\"agent\": \"echo\", \"input\": {...}}";
    /** The priority labels, most urgent first, for problems. */
    static final List<String> PRIORITIES = Arrays.stream(Priority.values()).map(Priority::label).toList();

    private static final List<String> FIELDS =
            List.of("agent", "pipeline", "priority", "input", "idempotency_key", "max_attempts", "timeout_ms");

    private TaskRequestBody() {}

    static TaskRequest parse(ObjectNode body) {
        requireOnlyKnownFields(body);
        return new TaskRequest(target(body), priority(body), input(body), text(body, "idempotency_key"),
                maxAttempts(body), integer(body, "timeout_ms").map(node -> Duration.ofMillis(node.longValue())));
    }

    private static void requireOnlyKnownFields(ObjectNode body) {
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            String name = field.getKey();
            if (!FIELDS.contains(name)) {
                throw ProblemException.invalidField(name, "unknown field '" + name + "'; the fields are " + FIELDS);
            }
        }
    }

    private static TaskTarget target(ObjectNode body) {
        Optional<String> agent = name(body, "agent");
        Optional<String> pipeline = name(body, "pipeline");
        if (agent.isPresent() && pipeline.isPresent()) {
            throw ProblemException.invalidField("agent", "give agent or pipeline, not both");
        }
        return agent.map(TaskTarget::agent).or(() -> pipeline.map(TaskTarget::pipeline))
                .orElseThrow(() -> ProblemException.invalidField("agent",
                        "agent or pipeline is required: the name of the agent or of the pipeline to run"));
    }

    private static Optional<String> name(ObjectNode body, String field) {
        Optional<String> name = text(body, field);
        if (name.isPresent() && name.get().isBlank()) {
            throw ProblemException.invalidField(field, field + " must name an agent or a pipeline, was blank");
        }
        return name;
    }

    private static Priority priority(ObjectNode body) {
        return text(body, "priority")
                .map(label -> Priority.parse(label).orElseThrow(() -> ProblemException.invalidField("priority",
                        "priority must be one of " + PRIORITIES + ", was '" + label + "'")))
                .orElse(Priority.NORMAL);
    }

    private static JsonNode input(ObjectNode body) {
        return present(body, "input").orElseThrow(() -> ProblemException.invalidField("input",
                "input is required: the JSON the agent gets, or {\"subject\": ..., \"event\": {...}} for a pipeline"));
    }

    private static Optional<Integer> maxAttempts(ObjectNode body) {
        Optional<JsonNode> value = integer(body, "max_attempts");
        if (value.isPresent() && !value.get().canConvertToInt()) {
            throw ProblemException.invalidField("max_attempts", "max_attempts must be from 1 to "
                    + TasksConfig.MAX_ATTEMPTS_LIMIT + ", was " + value.get());
        }
        return value.map(JsonNode::intValue);
    }

    private static Optional<String> text(ObjectNode body, String field) {
        Optional<JsonNode> value = present(body, field);
        if (value.isPresent() && !value.get().isTextual()) {
            throw ProblemException.invalidField(field,
                    field + " must be a string, was " + JsonBody.typeOf(value.get()));
        }
        return value.map(JsonNode::textValue);
    }

    private static Optional<JsonNode> integer(ObjectNode body, String field) {
        Optional<JsonNode> value = present(body, field);
        if (value.isPresent() && !(value.get().isIntegralNumber() && value.get().canConvertToLong())) {
            throw ProblemException.invalidField(field,
                    field + " must be an integer, was " + JsonBody.typeOf(value.get()) + " " + value.get());
        }
        return value;
    }

    private static Optional<JsonNode> present(ObjectNode body, String field) {
        return Optional.ofNullable(body.get(field)).filter(value -> !value.isNull());
    }
}
