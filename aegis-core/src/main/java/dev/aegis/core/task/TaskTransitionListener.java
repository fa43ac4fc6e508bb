package dev.aegis.core.task;

import dev.aegis.api.task.Task;
import dev.aegis.api.task.Transition;
import dev.aegis.core.audit.Origin;
import java.util.List;

/** Told of a task's moves once the store has them, on the journal's thread, with who made them. */
@FunctionalInterface
public interface TaskTransitionListener {

    /** A listener that does nothing. */
    TaskTransitionListener NONE = (task, moves, origin) -> {};

    /**
     * @param task the task as stored
     * @param moves the transitions this write stored, oldest first (for a new task, its QUEUED)
     */
    void stored(Task task, List<Transition> moves, Origin origin);
}
