package dev.aegis.server.ratelimit;

import dev.aegis.api.ratelimit.RateLimit;
import dev.aegis.api.ratelimit.RateLimiter;
import dev.aegis.api.ratelimit.RateLimiterUnavailableException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shared limiter with a per-node one behind it for outages: fail-open answers from the local buckets while the
 * shared ones cannot be reached, fail-closed lets the failure through. An outage is logged when it starts and
 * when it ends, not on every request.
 */
final class FallbackRateLimiter implements RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(FallbackRateLimiter.class);

    private final RateLimiter shared;
    private final RateLimiter local;
    private final boolean failOpen;
    private final AtomicBoolean outage = new AtomicBoolean();

    FallbackRateLimiter(RateLimiter shared, RateLimiter local, boolean failOpen) {
        this.shared = Objects.requireNonNull(shared, "shared");
        this.local = Objects.requireNonNull(local, "local");
        this.failOpen = failOpen;
    }

    @Override
    public RateLimit tryAcquire(String key) {
        RateLimit limit;
        try {
            limit = shared.tryAcquire(key);
        } catch (RateLimiterUnavailableException e) {
            return fallBack(key, e);
        }
        if (outage.compareAndSet(true, false)) {
            LOG.info("The shared rate limiter answers again; limits hold across the cluster again");
        }
        return limit;
    }

    private RateLimit fallBack(String key, RateLimiterUnavailableException failure) {
        if (outage.compareAndSet(false, true)) {
            LOG.warn("The shared rate limiter cannot be reached ({}); until it answers, {}", failure.getMessage(),
                    failOpen ? "limits hold per node" : "rate-limited requests are refused");
        }
        if (failOpen) {
            return local.tryAcquire(key);
        }
        throw failure;
    }
}
