package dev.aegis.kafka.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * How a node's stream consumer behaves.
 *
 * @param tenant the tenant every event of the stream is evaluated, audited and indexed for; events carry none,
 *     since whoever may write to the topic could claim any
 * @param batch most records one poll hands over ({@code max.poll.records}); a partition's records of a poll are
 *     evaluated in order, and a poll's partitions side by side
 * @param retryInitial how long a partition waits before the first retry after an outage
 * @param retryMax the longest wait between retries; each failure in a row doubles the wait up to this
 */
public record StreamSettings(String tenant, int batch, Duration retryInitial, Duration retryMax) {

    public StreamSettings {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(retryInitial, "retryInitial");
        Objects.requireNonNull(retryMax, "retryMax");
        if (tenant.isBlank()) {
            throw new IllegalArgumentException("the stream's tenant must not be blank");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("the stream's batch must be at least 1, was " + batch);
        }
        if (retryInitial.isNegative() || retryInitial.isZero() || retryMax.compareTo(retryInitial) < 0) {
            throw new IllegalArgumentException("the stream's retry waits must be positive and the first no longer "
                    + "than the longest, were " + retryInitial + " and " + retryMax);
        }
    }

    /** Batches of 500, retries after 100 ms, doubling up to 10 s. */
    public static StreamSettings defaults(String tenant) {
        return new StreamSettings(tenant, 500, Duration.ofMillis(100), Duration.ofSeconds(10));
    }
}
