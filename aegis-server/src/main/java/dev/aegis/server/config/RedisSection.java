package dev.aegis.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code cluster.redis}: where Redis is, how long a command may take, and what a rate limit does while Redis is
 * down: {@code rate_limits_fail_open} answers from each node's own buckets (a limit per node, not per cluster);
 * otherwise requests get 503.
 */
public record RedisSection(String uri, Duration timeout, String keyPrefix, boolean rateLimitsFailOpen) {

    public RedisSection {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(keyPrefix, "key_prefix");
        AuditSection.requirePositive("timeout", timeout);
    }
}
