package dev.aegis.api.task;

import java.util.List;
import java.util.Objects;

/** A new state of a stored task, to be written only if the stored one still has {@code expectedVersion}. */
public record TaskUpdate(Task task, long expectedVersion) {

    public TaskUpdate {
        Objects.requireNonNull(task, "task");
        if (expectedVersion >= task.version()) {
            throw new IllegalArgumentException("task " + task.id() + " at version " + task.version()
                    + " cannot replace version " + expectedVersion);
        }
    }

    /** The transitions this update adds to the stored task, oldest first (each move adds one, and one version). */
    public List<Transition> moves() {
        return task.history().subList((int) expectedVersion, (int) task.version());
    }

    /** The change of one move: from the version just before {@code task}'s. */
    public static TaskUpdate of(Task task) {
        return new TaskUpdate(task, task.version() - 1);
    }
}
