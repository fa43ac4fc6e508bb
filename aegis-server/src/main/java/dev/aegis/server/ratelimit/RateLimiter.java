package dev.aegis.server.ratelimit;

import dev.aegis.api.time.TimeSource;
import dev.aegis.server.config.RateLimitConfig;

/** Token buckets by key (a client IP, a tenant). Thread-safe. */
public interface RateLimiter {

    /** Takes one token from the bucket of {@code key}, creating a full bucket on first use. */
    RateLimit tryAcquire(String key);

    /**
     * In-JVM buckets, at most {@code maximumBuckets} of them; a bucket unused for as long as it takes to refill
     * completely is dropped, since a new one would be identical.
     */
    static RateLimiter create(RateLimitConfig config, TimeSource time, long maximumBuckets) {
        return new LocalBucketRateLimiter(config, time, maximumBuckets);
    }
}
