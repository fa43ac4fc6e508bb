package dev.aegis.kafka.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskStatus;
import dev.aegis.api.task.TaskTarget;
import dev.aegis.api.task.Transition;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A task as the value of a Kafka record: one JSON object with every field, so the copy read is the copy queued. */
final class TaskRecords {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TaskRecords() {
    }

    static byte[] encode(Task task) {
        ObjectNode json = MAPPER.createObjectNode()
                .put("id", task.id())
                .put("tenant", task.tenant())
                .put("kind", task.target().kind().name())
                .put("target", task.target().name())
                .put("priority", task.priority().name())
                .put("max_attempts", task.maxAttempts())
                .put("timeout", task.timeout().toString())
                .put("status", task.status().name())
                .put("attempts", task.attempts())
                .put("run_at", task.runAt().toString())
                .put("created_at", task.createdAt().toString())
                .put("updated_at", task.updatedAt().toString())
                .put("version", task.version());
        json.set("input", task.input());
        task.idempotencyKey().ifPresent(key -> json.put("idempotency_key", key));
        task.result().ifPresent(result -> json.set("result", result));
        task.error().ifPresent(error -> json.put("error", error));
        ArrayNode history = json.putArray("history");
        for (Transition transition : task.history()) {
            ObjectNode entry = history.addObject()
                    .put("status", transition.status().name())
                    .put("at", transition.at().toString())
                    .put("attempt", transition.attempt());
            transition.detail().ifPresent(detail -> entry.put("detail", detail));
        }
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("task " + task.id() + " could not be written as JSON", e);
        }
    }

    /** The task in {@code value}; throws IllegalArgumentException when it is not one. */
    static Task decode(byte[] value) {
        try {
            JsonNode json = MAPPER.readTree(value);
            return new Task(text(json, "id"), text(json, "tenant"),
                    new TaskTarget(TaskTarget.Kind.valueOf(text(json, "kind")), text(json, "target")),
                    Priority.valueOf(text(json, "priority")), required(json, "input"),
                    optionalText(json, "idempotency_key"), json.path("max_attempts").asInt(),
                    Duration.parse(text(json, "timeout")), TaskStatus.valueOf(text(json, "status")),
                    json.path("attempts").asInt(), Instant.parse(text(json, "run_at")),
                    Optional.ofNullable(json.get("result")), optionalText(json, "error"),
                    Instant.parse(text(json, "created_at")), Instant.parse(text(json, "updated_at")),
                    json.path("version").asLong(), history(required(json, "history")));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a task record: " + e.getMessage(), e);
        }
    }

    private static List<Transition> history(JsonNode entries) {
        List<Transition> history = new ArrayList<>(entries.size());
        for (JsonNode entry : entries) {
            history.add(new Transition(TaskStatus.valueOf(text(entry, "status")), Instant.parse(text(entry, "at")),
                    entry.path("attempt").asInt(), optionalText(entry, "detail")));
        }
        return history;
    }

    private static JsonNode required(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("field " + field + " is missing");
        }
        return value;
    }

    private static String text(JsonNode json, String field) {
        return required(json, field).asText();
    }

    private static Optional<String> optionalText(JsonNode json, String field) {
        return Optional.ofNullable(json.get(field)).map(JsonNode::asText);
    }
}
