package dev.aegis.server.config;

import dev.aegis.core.autoscale.AutoscalerConfig;
import dev.aegis.core.task.Backoff;
import dev.aegis.core.task.TasksConfig;
import dev.aegis.core.task.WorkersConfig;
import java.time.Duration;
import java.util.Objects;

/** {@code tasks}: the task service's settings and, under {@code tasks.autoscaler}, its worker pool's autoscaler. */
public record TasksSection(String store, int maxAttempts, Duration timeout, double lowerPriorityShare,
        Backoff retry, WorkersConfig workers, int journalBatch, AutoscalerConfig autoscaler) {

    public TasksSection {
        Objects.requireNonNull(autoscaler, "autoscaler");
        new TasksConfig(store, maxAttempts, timeout, lowerPriorityShare, retry, workers, journalBatch);
    }

    /** The settings of the task service itself. */
    public TasksConfig service() {
        return new TasksConfig(store, maxAttempts, timeout, lowerPriorityShare, retry, workers, journalBatch);
    }
}
