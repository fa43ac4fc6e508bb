package dev.aegis.core.task;

import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskQueue;
import dev.aegis.core.audit.Origin;
import dev.aegis.api.time.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The elastic worker pool: each worker is a virtual thread that takes tasks from the queue and runs them one after
 * the other, so the number of workers bounds how many tasks run at once. {@link #resize} grows or shrinks the pool
 * (shrinking lets workers finish their task first). A heartbeat renews every lease held; a lease found lost
 * interrupts its attempt, which another worker now owns.
 */
final class TaskWorkers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskWorkers.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(250);
    /** How long an attempt runs before its move to RUNNING is written; shorter ones write start and end at once. */
    /** How the audit log names the workers, as the actor of the moves they make. */
    static final String ACTOR = "aegis/worker";
    static final Duration START_WRITE_DELAY = Duration.ofMillis(10);

    private final TaskQueue queue;
    private final TaskAttempts attempts;
    private final TaskJournal journal;
    private final TimeSource time;
    private final WorkersConfig config;
    private final ExecutorService threads;
    private final ScheduledExecutorService timer;
    private final Map<String, HeldLease> held = new ConcurrentHashMap<>();
    private final AtomicInteger target = new AtomicInteger();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();
    private volatile boolean open = true;

    TaskWorkers(TaskQueue queue, TaskAttempts attempts, TaskJournal journal, WorkersConfig config, TimeSource time) {
        this.queue = queue;
        this.journal = journal;
        this.time = time;
        this.attempts = attempts;
        this.config = config;
        Thread.UncaughtExceptionHandler logUncaught =
                (thread, error) -> LOG.error("uncaught exception on thread {}", thread.getName(), error);
        this.threads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("aegis-task-worker-", 0).uncaughtExceptionHandler(logUncaught).factory());
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("aegis-task-timer")
                .daemon(true).uncaughtExceptionHandler(logUncaught).factory());
        long beat = config.heartbeat().toNanos();
        timer.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.NANOSECONDS);
        long delay = START_WRITE_DELAY.toNanos();
        timer.scheduleWithFixedDelay(this::writeStarts, delay, delay, TimeUnit.NANOSECONDS);
    }

    /** Runs {@code workers} workers from now on. */
    synchronized void resize(int workers) {
        target.set(workers);
        while (open && live.get() < workers) {
            live.incrementAndGet();
            threads.execute(this::work);
        }
    }

    int size() {
        return live.get();
    }

    int busy() {
        return busy.get();
    }

    /** The timer the pool runs its periodic jobs on (heartbeat, autoscaling). */
    ScheduledExecutorService timer() {
        return timer;
    }

    /** Interrupts the attempt of this task if one runs here. */
    void interrupt(String taskId) {
        HeldLease lease = held.get(taskId);
        if (lease != null) {
            lease.interrupt();
        }
    }

    private void work() {
        while (open && !retire()) {
            try {
                List<HeldLease> taken = queue.take(1 + config.prefetch(), config.lease(), IDLE_POLL).stream()
                        .map(HeldLease::new).toList();
                taken.forEach(lease -> held.put(lease.lease.task().id(), lease));
                taken.forEach(this::runIfStillHeld);
            } catch (InterruptedException e) {
                LOG.debug("worker interrupted while waiting for a task; it goes on unless the pool closed");
            }
        }
    }

    /** Leaves the pool when it has more workers than its target. */
    private boolean retire() {
        int now = live.get();
        while (now > target.get()) {
            if (live.compareAndSet(now, now - 1)) {
                return true;
            }
            now = live.get();
        }
        return false;
    }

    private void runIfStillHeld(HeldLease lease) {
        if (held.get(lease.lease.task().id()) != lease) {
            return;
        }
        busy.incrementAndGet();
        lease.runner = Thread.currentThread();
        try {
            attempts.run(lease);
        } finally {
            lease.runner = null;
            busy.decrementAndGet();
            held.remove(lease.lease.task().id(), lease);
            Thread.interrupted();
        }
    }

    private void writeStarts() {
        long startedBy = time.nanoTime() - START_WRITE_DELAY.toNanos();
        for (HeldLease lease : held.values()) {
            lease.writeStartIfRunningSince(startedBy, journal);
        }
    }

    private void heartbeat() {
        for (HeldLease lease : held.values()) {
            if (!queue.renew(lease.lease, config.lease())) {
                LOG.warn("lease of task {} was lost; its attempt stops here", lease.lease.task().id());
                held.remove(lease.lease.task().id(), lease);
                lease.interrupt();
            }
        }
    }

    /**
     * Stops taking tasks, lets running attempts finish for up to {@code grace}, then interrupts the rest: they are
     * recorded as interrupted and run again when the node starts next.
     */
    void close(Duration grace) {
        open = false;
        threads.shutdown();
        try {
            if (!threads.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                LOG.warn("{} task attempts still ran after {}; interrupting them", busy.get(), grace);
                threads.shutdownNow();
                threads.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            timer.shutdownNow();
        }
    }

    /** The workers as the origin of the moves they make to a task. */
    static Origin origin(Task task) {
        return new Origin(task.tenant(), ACTOR, Optional.empty());
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }
}
