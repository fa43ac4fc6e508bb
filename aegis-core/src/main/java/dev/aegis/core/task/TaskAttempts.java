package dev.aegis.core.task;

import dev.aegis.api.task.Lease;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskQueue;
import dev.aegis.api.task.TaskStatus;
import dev.aegis.api.task.TaskStore;
import dev.aegis.api.task.TaskUpdate;
import dev.aegis.api.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of a leased task, from start to acknowledgement: the task moves to RUNNING (written behind, not
 * waited for), runs, moves to SUCCEEDED, FAILED with its retry time, or DEAD, and the lease is acknowledged only
 * once that move is stored (acks late). A task that comes back after a lost lease is read again from the store
 * first, and its lost attempt is recorded as failed.
 */
final class TaskAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(TaskAttempts.class);

    private final TaskStore store;
    private final TaskJournal journal;
    private final TaskQueue queue;
    private final TaskExecution execution;
    private final Backoff backoff;
    private final TimeSource time;
    private final TaskMeters meters;

    TaskAttempts(TaskStore store, TaskJournal journal, TaskQueue queue, TaskExecution execution, Backoff backoff,
            TimeSource time, TaskMeters meters) {
        this.store = store;
        this.journal = journal;
        this.queue = queue;
        this.execution = execution;
        this.backoff = backoff;
        this.time = time;
        this.meters = meters;
    }

    void run(HeldLease held) {
        Lease lease = held.lease;
        try {
            Optional<Task> runnable = runnable(lease);
            if (runnable.isEmpty()) {
                queue.acknowledge(lease);
                return;
            }
            attempt(held, runnable.get());
        } catch (RuntimeException e) {
            LOG.warn("attempt of task {} could not be recorded ({}); its lease will expire and it runs again",
                    lease.task().id(), e.toString());
        }
    }

    /**
     * The task to run: as stored when an earlier holder lost the lease, or when the queue is shared (another node
     * may have cancelled or queued the task again since this copy was queued); empty when it needs no run any more.
     */
    private Optional<Task> runnable(Lease lease) {
        if (lease.deliveries() == 1 && !queue.shared()) {
            return Optional.of(lease.task());
        }
        return store.find(lease.task().tenant(), lease.task().id()).filter(task -> !task.status().terminal());
    }

    private void attempt(HeldLease held, Task task) {
        Task before = afterLostAttempt(task);
        if (before.status().terminal()) {
            finish(held.lease, new TaskUpdate(before, task.version()));
            return;
        }
        Instant start = now();
        Task running = before.started(start);
        meters.started(running, Duration.between(task.runAt(), start));
        meters.moved(TaskStatus.RUNNING);
        long began = time.nanoTime();
        held.started(new TaskUpdate(running, task.version()), began);
        AttemptResult result = execution.run(running);
        meters.ran(running, time.nanoTime() - began);
        long from = held.endAttempt().map(TaskUpdate::expectedVersion).orElse(running.version());
        finish(held.lease, new TaskUpdate(next(running, result), from));
    }

    /** A task found RUNNING was held by a worker that lost its lease: that attempt failed. */
    private Task afterLostAttempt(Task task) {
        if (task.status() != TaskStatus.RUNNING) {
            return task;
        }
        String reason = "attempt " + task.attempts() + " lost its lease (its worker stopped or stalled)";
        Instant now = now();
        return task.hasAttemptsLeft() ? task.failed(now, reason, now) : task.dead(now, reason);
    }

    private Task next(Task running, AttemptResult result) {
        Instant end = now();
        return switch (result) {
            case AttemptResult.Done done -> running.succeeded(end, done.result());
            case AttemptResult.Failed failed when failed.retryable() && running.hasAttemptsLeft() ->
                    running.failed(end, failed.reason(), TaskInstants.micros(end.plus(backoff.delay(
                            running.attempts(), ThreadLocalRandom.current()))));
            case AttemptResult.Failed failed -> running.dead(end, deadReason(running, failed));
        };
    }

    private static String deadReason(Task running, AttemptResult.Failed failed) {
        return failed.retryable()
                ? failed.reason() + " (attempt " + running.attempts() + " of " + running.maxAttempts() + ")"
                : failed.reason() + " (not retryable)";
    }

    private void finish(Lease lease, TaskUpdate update) {
        journal.update(update, TaskWorkers.origin(update.task())).whenComplete((written, error) -> {
            if (error != null) {
                return;
            }
            queue.acknowledge(lease);
            if (written) {
                meters.moved(update.task().status());
                if (!update.task().status().terminal()) {
                    queue.offer(List.of(update.task()));
                }
            }
        });
    }

    private Instant now() {
        return TaskInstants.now(time);
    }
}
