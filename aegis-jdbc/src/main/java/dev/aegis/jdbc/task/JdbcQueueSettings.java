package dev.aegis.jdbc.task;

import java.time.Duration;
import java.util.Objects;

/**
 * How the shared task queue on PostgreSQL works.
 *
 * @param pollInterval how often a node claims again while its workers wait and nothing was offered on it
 * @param lowerPriorityShare below CRITICAL, the share of claims that take the longest-ready task whatever its
 *     priority, so that lower priorities do not starve (0: strict priority)
 * @param sweepInterval how often the node looks for orphans (tasks stored but never queued) and ended rows
 * @param orphanAge how long a stored, unfinished task must have gone unchanged and unqueued to count as an orphan;
 *     far longer than the moment between storing a task and offering it
 * @param maxBatch the most requests one round (one transaction) carries out
 */
public record JdbcQueueSettings(Duration pollInterval, double lowerPriorityShare, Duration sweepInterval,
        Duration orphanAge, int maxBatch) {

    public JdbcQueueSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        Objects.requireNonNull(orphanAge, "orphanAge");
        if (!(lowerPriorityShare >= 0 && lowerPriorityShare <= 0.5)) {
            throw new IllegalArgumentException("lower priority share must be from 0 to 0.5, was " + lowerPriorityShare);
        }
        if (!pollInterval.isPositive() || !sweepInterval.isPositive() || !orphanAge.isPositive() || maxBatch < 1) {
            throw new IllegalArgumentException("poll interval, sweep interval and orphan age must be positive and "
                    + "max batch at least 1, were " + pollInterval + ", " + sweepInterval + ", " + orphanAge
                    + ", " + maxBatch);
        }
    }

    /** Polls every 50 ms, sweeps every 10 s for orphans older than 30 s, rounds of up to 4,096 requests. */
    public static JdbcQueueSettings defaults(double lowerPriorityShare) {
        return new JdbcQueueSettings(Duration.ofMillis(50), lowerPriorityShare, Duration.ofSeconds(10),
                Duration.ofSeconds(30), 4_096);
    }
}
