package dev.aegis.api.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A unit of agent work that outlives the request that asked for it. Immutable: every move of the lifecycle
 * ({@link TaskStatus} holds the table) answers a new task with the next {@code version} and one more entry in
 * its {@code history}. Stores compare versions to refuse changes made from a stale copy.
 *
 * @param id unique, and sorts by creation time
 * @param runAt the earliest instant the next attempt may start (later than creation for a retry)
 * @param timeout how long one attempt may run
 * @param version 1 when created, one more with each move
 */
public record Task(String id, String tenant, TaskTarget target, Priority priority, JsonNode input,
        Optional<String> idempotencyKey, int maxAttempts, Duration timeout, TaskStatus status, int attempts,
        Instant runAt, Optional<JsonNode> result, Optional<String> error, Instant createdAt, Instant updatedAt,
        long version, List<Transition> history) {

    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(runAt, "runAt");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(error, "error");
        if (maxAttempts < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("task " + id + " needs max attempts >= 1 and a positive timeout");
        }
        history = List.copyOf(history);
    }

    /** A new task, QUEUED to run as soon as possible. */
    public static Task create(String id, String tenant, TaskTarget target, Priority priority, JsonNode input,
            Optional<String> idempotencyKey, int maxAttempts, Duration timeout, Instant now) {
        return new Task(id, tenant, target, priority, input, idempotencyKey, maxAttempts, timeout,
                TaskStatus.QUEUED, 0, now, Optional.empty(), Optional.empty(), now, now, 1,
                List.of(new Transition(TaskStatus.QUEUED, now, 0, Optional.empty())));
    }

    /** The next attempt begins. */
    public Task started(Instant at) {
        return move(TaskStatus.RUNNING, at, attempts + 1, runAt, result, Optional.empty(), Optional.empty());
    }

    /** The attempt succeeded with {@code answer}. */
    public Task succeeded(Instant at, JsonNode answer) {
        return move(TaskStatus.SUCCEEDED, at, attempts, runAt, Optional.of(answer), Optional.empty(),
                Optional.empty());
    }

    /** The attempt failed and another one starts at {@code retryAt}. */
    public Task failed(Instant at, String reason, Instant retryAt) {
        return move(TaskStatus.FAILED, at, attempts, retryAt, result, Optional.of(reason), Optional.of(reason));
    }

    /** The task will never run again: out of attempts, or a failure that no retry can mend. */
    public Task dead(Instant at, String reason) {
        return move(TaskStatus.DEAD, at, attempts, runAt, result, Optional.of(reason), Optional.of(reason));
    }

    /** Somebody cancelled the task before it ended. */
    public Task cancelled(Instant at) {
        return move(TaskStatus.CANCELLED, at, attempts, runAt, result, error, Optional.empty());
    }

    /** Whether the task may run once more after the current attempt. */
    public boolean hasAttemptsLeft() {
        return attempts < maxAttempts;
    }

    private Task move(TaskStatus next, Instant at, int attemptsNow, Instant nextRunAt, Optional<JsonNode> answer,
            Optional<String> failure, Optional<String> detail) {
        if (!status.canMoveTo(next)) {
            throw new IllegalTaskTransitionException(id, status, next);
        }
        List<Transition> longer = new ArrayList<>(history.size() + 1);
        longer.addAll(history);
        longer.add(new Transition(next, at, attemptsNow, detail));
        return new Task(id, tenant, target, priority, input, idempotencyKey, maxAttempts, timeout, next,
                attemptsNow, nextRunAt, answer, failure, createdAt, at, version + 1, longer);
    }
}
