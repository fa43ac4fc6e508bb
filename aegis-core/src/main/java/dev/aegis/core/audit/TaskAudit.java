package dev.aegis.core.audit;

import dev.aegis.api.audit.AuditLogException;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.Transition;
import dev.aegis.core.task.TaskTransitionListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records each stored task move in the audit log as a {@code task.transition}. */
public final class TaskAudit implements TaskTransitionListener {

    private static final Logger LOG = LoggerFactory.getLogger(TaskAudit.class);

    private final AuditTrail trail;

    public TaskAudit(AuditTrail trail) {
        this.trail = trail;
    }

    /**
     * Hands the moves to the trail; a move the trail cannot take is logged, since the task itself is already
     * stored and must go on.
     */
    @Override
    public void stored(Task task, List<Transition> moves, Origin origin) {
        for (Transition move : moves) {
            try {
                trail.record(() -> AuditEvents.taskTransition(task, move, origin));
            } catch (AuditLogException e) {
                LOG.error("task {} moved to {} but the audit log could not take the record: {}", task.id(),
                        move.status(), e.getMessage());
            }
        }
    }
}
