package dev.aegis.core.task;

import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskQueue;
import dev.aegis.api.task.TaskStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The task meters: queue depth by priority, leases, workers, journal backlog, wait and run time by priority, and
 * every transition by the status entered (FAILED counts retries, DEAD counts dead letters).
 */
final class TaskMeters {

    private final Map<Priority, Timer> waits = new EnumMap<>(Priority.class);
    private final Map<Priority, Timer> runs = new EnumMap<>(Priority.class);
    private final Map<TaskStatus, Counter> transitions = new EnumMap<>(TaskStatus.class);
    private final Timer runsForScaling;

    TaskMeters(MeterRegistry registry, TaskQueue queue) {
        for (Priority priority : Priority.values()) {
            Gauge.builder("aegis.tasks.queue.depth", queue, q -> q.readyDepth().get(priority))
                    .description("Tasks ready to run and not taken").tag("priority", priority.label())
                    .register(registry);
            waits.put(priority, Timer.builder("aegis.tasks.wait").tag("priority", priority.label())
                    .description("From ready to started").register(registry));
            runs.put(priority, Timer.builder("aegis.tasks.run").tag("priority", priority.label())
                    .description("One attempt, from start to end").register(registry));
        }
        for (TaskStatus status : TaskStatus.values()) {
            transitions.put(status, Counter.builder("aegis.tasks.transitions").tag("status", status.label())
                    .description("Task moves stored, by the status entered").register(registry));
        }
        Gauge.builder("aegis.tasks.leased", queue, TaskQueue::leased).description("Tasks taken and not acknowledged")
                .register(registry);
        runsForScaling = Timer.builder("aegis.tasks.run.recent").publishPercentiles(0.95)
                .distributionStatisticExpiry(Duration.ofMinutes(1)).distributionStatisticBufferLength(2)
                .description("Attempt run time over the last minute, read by the autoscaler").register(registry);
    }

    void bindWorkers(MeterRegistry registry, IntSupplier size, IntSupplier busy, IntSupplier journalBacklog) {
        Gauge.builder("aegis.tasks.workers", size::getAsInt).description("Workers running").register(registry);
        Gauge.builder("aegis.tasks.workers.busy", busy::getAsInt).description("Workers running a task")
                .register(registry);
        Gauge.builder("aegis.tasks.journal.backlog", journalBacklog::getAsInt)
                .description("Task changes waiting to be written to the store").register(registry);
    }

    void started(Task task, Duration waited) {
        waits.get(task.priority()).record(waited.isNegative() ? Duration.ZERO : waited);
    }

    void ran(Task task, long nanos) {
        runs.get(task.priority()).record(nanos, TimeUnit.NANOSECONDS);
        runsForScaling.record(nanos, TimeUnit.NANOSECONDS);
    }

    void moved(TaskStatus status) {
        transitions.get(status).increment();
    }

    /** The 95th percentile of recent attempts, in milliseconds; empty when none ran lately. */
    OptionalDouble recentP95Millis() {
        for (ValueAtPercentile value : runsForScaling.takeSnapshot().percentileValues()) {
            if (value.percentile() == 0.95 && runsForScaling.count() > 0) {
                return OptionalDouble.of(value.value(TimeUnit.MILLISECONDS));
            }
        }
        return OptionalDouble.empty();
    }
}
