package dev.aegis.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code cluster.kafka.stream}: streaming evaluation (docs/streaming.md). When enabled, each node joins the group
 * that reads events from {@code <topic_prefix>events} and writes decisions to {@code <topic_prefix>decisions}.
 *
 * @param tenant the tenant every streamed event is evaluated, audited and indexed for (events carry none: whoever
 *     may write to the topic could claim any)
 * @param batch most records one poll hands over; a partition's records are evaluated in order, partitions side by
 *     side
 * @param retryInitial the wait before a partition stopped by an outage is read again; it doubles with each failure
 *     in a row, up to {@code retryMax}
 */
public record StreamSection(boolean enabled, String tenant, int batch, Duration retryInitial, Duration retryMax) {

    static final int MAX_BATCH = 10_000;

    public StreamSection {
        if (Objects.requireNonNull(tenant, "tenant").isBlank()) {
            throw new IllegalArgumentException("tenant must not be blank");
        }
        if (batch < 1 || batch > MAX_BATCH) {
            throw new IllegalArgumentException("batch must be 1 to " + MAX_BATCH + ", was " + batch);
        }
        AuditSection.requirePositive("retry_initial", retryInitial);
        AuditSection.requirePositive("retry_max", retryMax);
        if (retryMax.compareTo(retryInitial) < 0) {
            throw new IllegalArgumentException("retry_max (" + retryMax + ") must not be shorter than retry_initial ("
                    + retryInitial + ")");
        }
    }
}
