package dev.aegis.api.ratelimit;

/**
 * Token buckets by key (a client IP, a tenant). A port: in-JVM buckets on one node, shared buckets (Redis) when
 * several nodes enforce one limit. Thread-safe.
 */
public interface RateLimiter {

    /**
     * Takes one token from the bucket of {@code key}, creating a full bucket on first use.
     *
     * @throws RateLimiterUnavailableException if the buckets are shared and cannot be reached, so the request
     *     could not be counted
     */
    RateLimit tryAcquire(String key);
}
