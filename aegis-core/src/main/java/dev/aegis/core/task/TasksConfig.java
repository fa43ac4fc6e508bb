package dev.aegis.core.task;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code tasks}: where tasks are stored ({@code store}: {@code embedded}, H2 under the data folder, or
 * {@code memory}), the limits a task gets when its request names none, the share of takes that lower priorities
 * get when passed over, retry back-off, how workers hold tasks, and the group-commit batch of the journal.
 */
public record TasksConfig(String store, int maxAttempts, Duration timeout, double lowerPriorityShare,
        Backoff retry, WorkersConfig workers, int journalBatch) {

    public static final int MAX_ATTEMPTS_LIMIT = 100;
    public static final Duration TIMEOUT_LIMIT = Duration.ofHours(24);

    public TasksConfig {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(workers, "workers");
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
            throw new IllegalArgumentException("max_attempts must be from 1 to " + MAX_ATTEMPTS_LIMIT + ", was "
                    + maxAttempts);
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(TIMEOUT_LIMIT) > 0) {
            throw new IllegalArgumentException("timeout must be positive and at most 24h, was " + timeout);
        }
        if (!(lowerPriorityShare >= 0 && lowerPriorityShare <= 0.5)) {
            throw new IllegalArgumentException("lower_priority_share must be from 0 to 0.5, was "
                    + lowerPriorityShare);
        }
        if (journalBatch < 1 || journalBatch > 100_000) {
            throw new IllegalArgumentException("journal_batch must be from 1 to 100000, was " + journalBatch);
        }
    }
}
