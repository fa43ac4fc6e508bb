package dev.aegis.api.task;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a task is in its life, with the one table of allowed moves:
 *
 * <pre>
 * QUEUED  -> RUNNING | CANCELLED
 * RUNNING -> SUCCEEDED | FAILED | DEAD | CANCELLED
 * FAILED  -> RUNNING | DEAD | CANCELLED        (FAILED waits for its retry; DEAD when it can never run again)
 * SUCCEEDED, DEAD, CANCELLED: terminal
 * </pre>
 */
public enum TaskStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, DEAD, CANCELLED;

    private static final Map<TaskStatus, Set<TaskStatus>> ALLOWED = allowedMoves();

    private static Map<TaskStatus, Set<TaskStatus>> allowedMoves() {
        Map<TaskStatus, Set<TaskStatus>> moves = new EnumMap<>(TaskStatus.class);
        moves.put(QUEUED, EnumSet.of(RUNNING, CANCELLED));
        moves.put(RUNNING, EnumSet.of(SUCCEEDED, FAILED, DEAD, CANCELLED));
        moves.put(FAILED, EnumSet.of(RUNNING, DEAD, CANCELLED));
        moves.put(SUCCEEDED, EnumSet.noneOf(TaskStatus.class));
        moves.put(DEAD, EnumSet.noneOf(TaskStatus.class));
        moves.put(CANCELLED, EnumSet.noneOf(TaskStatus.class));
        return moves;
    }

    /** Whether the table allows moving from this status to {@code next}. */
    public boolean canMoveTo(TaskStatus next) {
        return ALLOWED.get(this).contains(next);
    }

    /** SUCCEEDED, DEAD and CANCELLED: nothing happens to the task any more. */
    public boolean terminal() {
        return ALLOWED.get(this).isEmpty();
    }

    /** The status with this name, in any case. */
    public static Optional<TaskStatus> parse(String name) {
        for (TaskStatus status : values()) {
            if (status.name().equalsIgnoreCase(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** The lower-case name used in metrics. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
