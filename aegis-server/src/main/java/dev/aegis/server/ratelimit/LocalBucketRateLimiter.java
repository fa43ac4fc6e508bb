package dev.aegis.server.ratelimit;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.aegis.api.ratelimit.RateLimit;
import dev.aegis.api.ratelimit.RateLimiter;
import dev.aegis.api.time.TimeSource;
import dev.aegis.server.config.RateLimitConfig;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * Bucket4j local buckets with greedy refill, one per key, at most {@code maximumBuckets} of them in a Caffeine
 * cache; a bucket unused for as long as it takes to refill completely is dropped, since a new one would be
 * identical.
 */
final class LocalBucketRateLimiter implements RateLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long capacity;
    private final Bandwidth bandwidth;
    private final TimeMeter meter;
    private final LoadingCache<String, Bucket> buckets;

    LocalBucketRateLimiter(RateLimitConfig config, TimeSource time, long maximumBuckets) {
        this.capacity = config.capacity();
        this.bandwidth = bandwidth(config);
        this.meter = new TimeSourceMeter(time);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maximumBuckets)
                .expireAfterAccess(timeToFill(config))
                .ticker(time::nanoTime)
                .build(key -> newBucket());
    }

    @Override
    public RateLimit tryAcquire(String key) {
        ConsumptionProbe probe = buckets.get(key).tryConsumeAndReturnRemaining(1);
        long reset = seconds(probe.getNanosToWaitForReset());
        if (probe.isConsumed()) {
            return new RateLimit.Allowed(capacity, probe.getRemainingTokens(), reset);
        }
        return new RateLimit.Rejected(capacity, reset, Math.max(1, seconds(probe.getNanosToWaitForRefill())));
    }

    private Bucket newBucket() {
        return Bucket.builder().addLimit(bandwidth).withCustomTimePrecision(meter).build();
    }

    /** Greedy refill of {@code refill_per_second}, expressed as whole tokens per period. */
    private static Bandwidth bandwidth(RateLimitConfig config) {
        long tokens = Math.max(1, Math.round(config.refillPerSecond()));
        long periodNanos = Math.max(1, Math.round(tokens * NANOS_PER_SECOND / config.refillPerSecond()));
        return Bandwidth.builder()
                .capacity(config.capacity())
                .refillGreedy(tokens, Duration.ofNanos(periodNanos))
                .build();
    }

    private static Duration timeToFill(RateLimitConfig config) {
        double seconds = config.capacity() / config.refillPerSecond();
        return Duration.ofNanos(Math.max(NANOS_PER_SECOND, (long) Math.min(Long.MAX_VALUE / 2.0, seconds * 1e9)));
    }

    private static long seconds(long nanos) {
        return (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }

    /** Bucket4j reads the injected clock's monotonic tick. */
    private record TimeSourceMeter(TimeSource time) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            return time.nanoTime();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
