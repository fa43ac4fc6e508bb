package dev.aegis.api.task;

import java.util.Objects;
import java.util.Optional;

/**
 * Which of a tenant's tasks to list, newest first: optionally one status and one priority, at most
 * {@code limit}, starting after the task id {@code cursor} (the last id of the previous page).
 */
public record TaskQuery(Optional<TaskStatus> status, Optional<Priority> priority, int limit,
        Optional<String> cursor) {

    public static final int MAX_LIMIT = 1000;

    public TaskQuery {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(cursor, "cursor");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", was " + limit);
        }
    }
}
