package dev.aegis.core.task;

import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskTarget;
import dev.aegis.core.AegisEngine;
import dev.aegis.core.router.PipelineView;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Checks a task request against the engine and the limits, and makes the task it asks for. */
final class TaskRequests {

    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;

    private final TasksConfig config;
    private final Set<String> agents;
    private final Set<String> pipelines;

    TaskRequests(TasksConfig config, AegisEngine engine) {
        this.config = config;
        this.agents = Set.copyOf(engine.agents().names());
        this.pipelines = engine.router().pipelines().stream().map(PipelineView::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    Task task(String id, String tenant, TaskRequest request, Instant now) {
        requireTarget(request);
        request.idempotencyKey().ifPresent(TaskRequests::requireKey);
        int maxAttempts = request.maxAttempts().orElse(config.maxAttempts());
        if (maxAttempts < 1 || maxAttempts > TasksConfig.MAX_ATTEMPTS_LIMIT) {
            throw new InvalidTaskException("max_attempts",
                    "max_attempts must be from 1 to " + TasksConfig.MAX_ATTEMPTS_LIMIT + ", was " + maxAttempts);
        }
        Duration timeout = request.timeout().orElse(config.timeout());
        if (timeout.toMillis() < 1 || timeout.compareTo(TasksConfig.TIMEOUT_LIMIT) > 0) {
            throw new InvalidTaskException("timeout_ms", "timeout_ms must be from 1 to "
                    + TasksConfig.TIMEOUT_LIMIT.toMillis() + ", was " + timeout.toMillis());
        }
        return Task.create(id, tenant, request.target(), request.priority(), request.input(),
                request.idempotencyKey(), maxAttempts, timeout, now);
    }

    private void requireTarget(TaskRequest request) {
        TaskTarget target = request.target();
        if (target.kind() == TaskTarget.Kind.AGENT) {
            requireKnown("agent", target.name(), agents);
            return;
        }
        requireKnown("pipeline", target.name(), pipelines);
        Optional<String> problem = PipelineInput.problem(request.input());
        if (problem.isPresent()) {
            throw new InvalidTaskException("input", problem.get());
        }
    }

    private static void requireKnown(String field, String name, Set<String> known) {
        if (!known.contains(name)) {
            throw new InvalidTaskException(field, "unknown " + field + " '" + name + "' (known: "
                    + String.join(", ", new TreeSet<>(known)) + ")");
        }
    }

    private static void requireKey(String key) {
        if (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw new InvalidTaskException("idempotency_key",
                    "idempotency_key must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters, not blank");
        }
    }
}
