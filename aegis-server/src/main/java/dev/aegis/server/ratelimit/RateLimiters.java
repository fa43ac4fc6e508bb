package dev.aegis.server.ratelimit;

import dev.aegis.api.ratelimit.RateLimiter;
import dev.aegis.api.time.TimeSource;
import dev.aegis.server.config.RateLimitConfig;

/** Makes the server's rate limiters: per-node buckets, and shared ones that fall back when unreachable. */
public final class RateLimiters {

    private RateLimiters() {}

    /**
     * In-JVM buckets, at most {@code maximumBuckets} of them; a bucket unused for as long as it takes to refill
     * completely is dropped, since a new one would be identical.
     */
    public static RateLimiter local(RateLimitConfig config, TimeSource time, long maximumBuckets) {
        return new LocalBucketRateLimiter(config, time, maximumBuckets);
    }

    /**
     * Answers from {@code shared} while it can be reached. When it cannot, {@code failOpen} answers from
     * {@code local} (limits then hold per node, not per cluster); otherwise the
     * {@link dev.aegis.api.ratelimit.RateLimiterUnavailableException} goes to the caller, who refuses the request.
     * Either way the outage is logged once, as a warning, and its end once.
     */
    public static RateLimiter withFallback(RateLimiter shared, RateLimiter local, boolean failOpen) {
        return new FallbackRateLimiter(shared, local, failOpen);
    }
}
