package dev.aegis.core.task;

import dev.aegis.api.task.IllegalTaskTransitionException;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskPage;
import dev.aegis.api.task.TaskQuery;
import dev.aegis.api.task.TaskQueue;
import dev.aegis.api.task.TaskStatus;
import dev.aegis.api.task.TaskStore;
import dev.aegis.api.task.TaskStoreException;
import dev.aegis.api.task.TaskUpdate;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.AegisEngine;
import dev.aegis.core.audit.Origin;
import dev.aegis.core.autoscale.Autoscaler;
import dev.aegis.core.autoscale.AutoscalerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Durable tasks: accepts them (stored before the answer), runs them on an autoscaled worker pool in priority
 * order, retries them with back-off, and lets callers read, list and cancel their own tenant's tasks. On start it
 * replays every unfinished task from the store, so a restart loses nothing that was accepted.
 */
public final class TaskService implements AutoCloseable {

    private static final int JOURNAL_CAPACITY = 1_000_000;
    private static final int CANCEL_TRIES = 20;

    private final TaskStore store;
    private final TaskQueue queue;
    private final TimeSource time;
    private final TaskIds ids;
    private final TaskRequests requests;
    private final TaskJournal journal;
    private final TaskMeters meters;
    private final TaskWorkers workers;

    private TaskService(TasksConfig config, TaskStore store, TaskQueue queue, AegisEngine engine, TimeSource time,
            MeterRegistry registry, TaskTransitionListener transitions) {
        this.store = store;
        this.queue = queue;
        this.time = time;
        this.ids = new TaskIds(time);
        this.requests = new TaskRequests(config, engine);
        this.journal = new TaskJournal(store, transitions, config.journalBatch(), JOURNAL_CAPACITY);
        this.meters = new TaskMeters(registry, queue);
        TaskAttempts attempts = new TaskAttempts(store, journal, queue, new TaskExecution(engine, time),
                config.retry(), time, meters);
        this.workers = new TaskWorkers(queue, attempts, journal, config.workers(), time);
        meters.bindWorkers(registry, workers::size, workers::busy, journal::backlog);
    }

    /**
     * Replays the store's unfinished tasks into the queue (unless the queue is {@linkplain TaskQueue#shared()
     * shared}), then starts the workers at the autoscaler's minimum and
     * lets the autoscaler size the pool from then on. The service owns the store and the queue and closes them.
     * Every stored move is told to {@code transitions} (the audit log).
     */
    public static TaskService start(TasksConfig config, AutoscalerConfig autoscaling, TaskStore store,
            TaskQueue queue, AegisEngine engine, TimeSource time, MeterRegistry registry,
            TaskTransitionListener transitions) {
        TaskService service = new TaskService(config, store, queue, engine, time, registry, transitions);
        try {
            if (!queue.shared()) {
                new TaskRecovery(store, queue, time, transitions).replay();
            }
            Autoscaler autoscaler = new Autoscaler(autoscaling, time, registry, "tasks");
            new WorkerAutoscaling(autoscaler, service.workers, queue, service.meters).start();
            return service;
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    /**
     * Accepts a task: stored before this returns, then queued. A request whose idempotency key the tenant used
     * before answers that earlier task and starts nothing.
     *
     * @throws InvalidTaskException when the target is unknown or a limit is out of range
     * @throws TaskStoreException when the store cannot take it; nothing was accepted
     */
    public Submission submit(Origin origin, TaskRequest request) {
        Task task = requests.task(ids.next(), origin.tenant(), request, now());
        Task stored = await(journal.create(task, origin));
        if (!stored.id().equals(task.id())) {
            requeueIfNeverRun(stored);
            return new Submission(stored, false);
        }
        meters.moved(TaskStatus.QUEUED);
        queue.offer(List.of(stored));
        return new Submission(stored, true);
    }

    /**
     * A repeated submission of a task that never ran queues it again: the first one may have been stored but not
     * queued (the queue refused it, or the node died in between), and the client repeats exactly then. A task
     * queued twice runs once: the queue keeps one copy per id, and a worker on a shared queue reads the stored task.
     */
    private void requeueIfNeverRun(Task stored) {
        if (stored.status() == TaskStatus.QUEUED) {
            queue.offer(List.of(stored));
        }
    }

    /** The tenant's task, as last stored. */
    public Optional<Task> find(String tenant, String id) {
        return store.find(tenant, id);
    }

    /** The tenant's tasks that match, newest first. */
    public TaskPage list(String tenant, TaskQuery query) {
        return store.list(tenant, query);
    }

    /**
     * Cancels the tenant's task: a queued or retrying task leaves the queue, a running attempt is interrupted and
     * its result dropped. The queue is cleared again after the cancel is stored, for a retry that a worker queued
     * meanwhile.
     *
     * @return the cancelled task; empty when the tenant has no such task
     * @throws IllegalTaskTransitionException when the task already ended (SUCCEEDED, DEAD or CANCELLED)
     */
    public Optional<Task> cancel(Origin origin, String id) {
        for (int i = 0; i < CANCEL_TRIES; i++) {
            Optional<Task> current = store.find(origin.tenant(), id);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            queue.remove(id);
            Task cancelled = current.get().cancelled(now());
            if (await(journal.update(TaskUpdate.of(cancelled), origin))) {
                queue.remove(id);
                workers.interrupt(id);
                meters.moved(TaskStatus.CANCELLED);
                return Optional.of(cancelled);
            }
            Thread.onSpinWait();
        }
        throw new TaskStoreException("task " + id + " kept changing while it was being cancelled; try again", null);
    }

    private static <T> T await(CompletableFuture<T> write) {
        try {
            return write.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private Instant now() {
        return TaskInstants.now(time);
    }

    /**
     * Stops the workers, letting running attempts finish for up to {@code grace} (the rest are interrupted and run
     * again when the node starts next), writes what is pending, and closes the queue and the store.
     */
    public void close(Duration grace) {
        workers.close(grace);
        journal.close();
        queue.close();
        store.close();
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }
}
