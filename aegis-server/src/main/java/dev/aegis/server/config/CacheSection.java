package dev.aegis.server.config;

import java.time.Duration;

/**
 * {@code cluster.cache}: finished tasks as {@code GET /v1/tasks/{id}} answers them, cache-aside in two layers —
 * each node's own memory ({@code l1_ttl}; the only layer outside cluster mode) over Redis ({@code l2_ttl}) over the
 * store. {@code fail_open}: while Redis is down, reads skip it and go to the store; otherwise they get 503.
 */
public record CacheSection(Duration l1Ttl, Duration l2Ttl, long maximumSize, boolean failOpen) {

    public CacheSection {
        AuditSection.requirePositive("l1_ttl", l1Ttl);
        AuditSection.requirePositive("l2_ttl", l2Ttl);
        if (maximumSize < 1) {
            throw new IllegalArgumentException("maximum_size must be at least 1, was " + maximumSize);
        }
    }
}
