package dev.aegis.api.task;

import dev.aegis.api.AegisException;

/** A move that the lifecycle table does not allow, such as cancelling a task that already succeeded. */
public final class IllegalTaskTransitionException extends AegisException {

    private final TaskStatus from;

    public IllegalTaskTransitionException(String taskId, TaskStatus from, TaskStatus to) {
        super("task " + taskId + " cannot move from " + from + " to " + to);
        this.from = from;
    }

    /** The status the task was in. */
    public TaskStatus from() {
        return from;
    }
}
