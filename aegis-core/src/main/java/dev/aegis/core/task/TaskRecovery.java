package dev.aegis.core.task;

import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskQueue;
import dev.aegis.api.task.TaskStatus;
import dev.aegis.api.task.TaskStore;
import dev.aegis.api.task.TaskUpdate;
import dev.aegis.api.time.TimeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the store into a new queue when the node starts: QUEUED and FAILED tasks are queued again as they are;
 * a task still RUNNING lost its attempt when the node stopped, so that attempt is recorded as failed (DEAD when it
 * was the last) and the task is queued for its next one. Nothing accepted is lost, even after {@code kill -9}.
 */
final class TaskRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRecovery.class);
    private static final int PAGE = 1_000;

    private final TaskStore store;
    private final TaskQueue queue;
    private final TimeSource time;
    private final TaskTransitionListener transitions;

    TaskRecovery(TaskStore store, TaskQueue queue, TimeSource time, TaskTransitionListener transitions) {
        this.store = store;
        this.queue = queue;
        this.time = time;
        this.transitions = transitions;
    }

    /** Answers how many tasks were queued again. */
    int replay() {
        int queued = 0;
        int interrupted = 0;
        Optional<String> after = Optional.empty();
        List<Task> page;
        do {
            page = store.unfinished(after, PAGE);
            List<Task> again = new ArrayList<>(page.size());
            List<TaskUpdate> lost = new ArrayList<>();
            page.forEach(task -> sort(task, again, lost));
            Set<String> stale = store.update(lost);
            lost.stream().filter(update -> !stale.contains(update.task().id())).forEach(update ->
                    transitions.stored(update.task(), update.moves(), TaskWorkers.origin(update.task())));
            lost.stream().map(TaskUpdate::task).filter(task -> !task.status().terminal()).forEach(again::add);
            queue.offer(again);
            queued += again.size();
            interrupted += lost.size();
            after = page.isEmpty() ? after : Optional.of(page.getLast().id());
        } while (page.size() == PAGE);
        if (queued + interrupted > 0) {
            LOG.info("recovered tasks from the store: {} queued again, {} interrupted attempts recorded", queued,
                    interrupted);
        }
        return queued;
    }

    private void sort(Task task, List<Task> again, List<TaskUpdate> lost) {
        if (task.status() != TaskStatus.RUNNING) {
            again.add(task);
            return;
        }
        Instant now = TaskInstants.now(time);
        String reason = "attempt " + task.attempts() + " was interrupted: the node stopped while it ran";
        lost.add(TaskUpdate.of(task.hasAttemptsLeft() ? task.failed(now, reason, now) : task.dead(now, reason)));
    }
}
