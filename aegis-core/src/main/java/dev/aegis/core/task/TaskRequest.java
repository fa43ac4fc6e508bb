package dev.aegis.core.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.TaskTarget;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a caller asks to run; absent limits take the configured defaults. For a pipeline target, {@code input} is
 * an evaluate body: {@code {"subject": ..., "event": {...}}}.
 */
public record TaskRequest(TaskTarget target, Priority priority, JsonNode input, Optional<String> idempotencyKey,
        Optional<Integer> maxAttempts, Optional<Duration> timeout) {

    public TaskRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(maxAttempts, "maxAttempts");
        Objects.requireNonNull(timeout, "timeout");
    }

    public static TaskRequest of(TaskTarget target, Priority priority, JsonNode input) {
        return new TaskRequest(target, priority, input, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
