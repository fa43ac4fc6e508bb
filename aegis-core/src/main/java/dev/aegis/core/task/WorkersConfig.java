package dev.aegis.core.task;

import java.time.Duration;

/**
 * {@code tasks.workers}: how workers hold tasks. A worker takes {@code 1 + prefetch} tasks at a time and holds each
 * under a lease of {@code lease}, renewed every {@code heartbeat}; a prefetched task is already out of the queue,
 * so prefetch trades strict priority for fewer takes (0 keeps priorities strict).
 */
public record WorkersConfig(int prefetch, Duration lease, Duration heartbeat) {

    public WorkersConfig {
        if (prefetch < 0 || prefetch > 1_000) {
            throw new IllegalArgumentException("prefetch must be from 0 to 1000, was " + prefetch);
        }
        if (heartbeat.isNegative() || heartbeat.isZero() || heartbeat.multipliedBy(2).compareTo(lease) > 0) {
            throw new IllegalArgumentException("heartbeat must be positive and at most half the lease, was "
                    + heartbeat + " with lease " + lease);
        }
    }
}
