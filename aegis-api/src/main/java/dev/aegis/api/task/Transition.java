package dev.aegis.api.task;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One entry of a task's history: the status it entered, when, in which attempt, and why (for failures). */
public record Transition(TaskStatus status, Instant at, int attempt, Optional<String> detail) {

    public Transition {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(detail, "detail");
    }
}
