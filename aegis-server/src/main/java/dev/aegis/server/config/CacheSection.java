package dev.aegis.server.config;

import java.time.Duration;

/**
 * {@code cluster.cache}: task reads, cache-aside in two layers — each node's own memory ({@code l1_ttl}) over
 * Redis ({@code l2_ttl}) over PostgreSQL — invalidated on every node when a task moves, and warmed at start with
 * the unfinished tasks. {@code fail_open}: while Redis is down, reads skip it and go to PostgreSQL.
 */
public record CacheSection(Duration l1Ttl, Duration l2Ttl, long maximumSize, boolean failOpen, boolean warm) {

    public CacheSection {
        AuditSection.requirePositive("l1_ttl", l1Ttl);
        AuditSection.requirePositive("l2_ttl", l2Ttl);
        if (maximumSize < 1) {
            throw new IllegalArgumentException("maximum_size must be at least 1, was " + maximumSize);
        }
    }
}
