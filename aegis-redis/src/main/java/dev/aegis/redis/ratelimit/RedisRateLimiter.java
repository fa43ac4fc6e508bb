package dev.aegis.redis.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.aegis.api.ratelimit.RateLimit;
import dev.aegis.api.ratelimit.RateLimiter;
import dev.aegis.api.ratelimit.RateLimiterUnavailableException;
import dev.aegis.api.time.TimeSource;
import dev.aegis.redis.RedisSettings;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TimeoutException;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Token buckets that the nodes of a cluster share, in Redis: Bucket4j buckets with greedy refill, one per key at
 * {@code <prefix>ratelimit:<name>:<key>}, each updated by compare-and-swap so that every node takes from the same
 * tokens. Answers as the per-node buckets do. A bucket's key expires once the bucket would be full again, since a
 * new one would be identical.
 *
 * <p>Time is the injected {@link TimeSource}'s wall clock, which the nodes must roughly agree on. Any Redis
 * failure becomes a {@link RateLimiterUnavailableException} within the settings' timeout; the client reconnects
 * by itself, so the same limiter works again once Redis does. Owns its Redis client: {@link #close()} releases
 * it.
 */
public final class RedisRateLimiter implements RateLimiter, AutoCloseable {

    private static final long MAX_PROXIES = 100_000;
    private static final Duration PROXY_IDLE = Duration.ofMinutes(5);

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final ExpirationAfterWriteStrategy EXPIRE_ONCE_FULL =
            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(1));

    private final RedisSettings settings;
    private final String keyPrefix;
    private final long capacity;
    private final BucketConfiguration configuration;
    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final ProxyManager<String> buckets;
    /**
     * One proxy per hot key, kept so that its batching works: requests for one key that arrive while its last
     * compare-and-swap is in flight go to Redis together as one, instead of racing and retrying. Exact: no token is
     * handed out twice.
     */
    private final Cache<String, BucketProxy> proxies = Caffeine.newBuilder().maximumSize(MAX_PROXIES)
            .expireAfterAccess(PROXY_IDLE).build();

    private RedisRateLimiter(RedisSettings settings, String name, BucketConfiguration configuration, TimeSource time,
            RedisClient client, StatefulRedisConnection<String, byte[]> connection) {
        this.settings = settings;
        this.keyPrefix = settings.keyPrefix() + "ratelimit:" + name + ":";
        this.capacity = configuration.getBandwidths()[0].getCapacity();
        this.configuration = configuration;
        this.client = client;
        this.connection = connection;
        this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .clientClock(new WallClockMeter(time))
                .expirationAfterWrite(EXPIRE_ONCE_FULL)
                .build();
    }

    /**
     * Buckets of {@code capacity} tokens refilled at {@code refillPerSecond}, in the Redis of {@code settings},
     * connected now, on the wall clock of {@code time}.
     *
     * @param name tells this limiter's buckets from others' in the same Redis ({@code ip}, {@code tenant})
     * @param capacity the most requests at once, at least 1
     * @param refillPerSecond the tokens added back per second, a positive number
     * @throws RateLimiterUnavailableException if Redis cannot be reached
     */
    public static RedisRateLimiter open(RedisSettings settings, String name, long capacity, double refillPerSecond,
            TimeSource time) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(time, "time");
        requireName(name);
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(bandwidth(capacity, refillPerSecond))
                .build();
        RedisClient client = settings.client();
        try {
            return new RedisRateLimiter(settings, name, configuration, time, client,
                    client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)));
        } catch (RedisException e) {
            client.shutdown();
            throw unavailable(settings, e);
        }
    }

    @Override
    public RateLimit tryAcquire(String key) {
        ConsumptionProbe probe = consume(keyPrefix + Objects.requireNonNull(key, "key"));
        long reset = seconds(probe.getNanosToWaitForReset());
        if (probe.isConsumed()) {
            return new RateLimit.Allowed(capacity, probe.getRemainingTokens(), reset);
        }
        return new RateLimit.Rejected(capacity, reset, Math.max(1, seconds(probe.getNanosToWaitForRefill())));
    }

    /** Closes the connection and releases the client's threads. */
    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }

    private ConsumptionProbe consume(String redisKey) {
        try {
            return proxies.get(redisKey, key -> buckets.builder().withOptimization(Optimizations.batching())
                    .build(key, () -> configuration)).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            if (causedByRedis(e)) {
                throw unavailable(settings, e);
            }
            throw e;
        }
    }

    /**
     * Whether Redis failed or timed out somewhere in the chain: Bucket4j's batching hands a command's failure on
     * wrapped (a completion exception around Lettuce's timeout), so the type at the top does not tell.
     */
    private static boolean causedByRedis(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisException || cause instanceof TimeoutException
                    || cause instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static RateLimiterUnavailableException unavailable(RedisSettings settings, RuntimeException cause) {
        return new RateLimiterUnavailableException(
                "rate limits in Redis at " + settings.location() + " are unavailable: " + cause.getMessage(), cause);
    }

    /** Greedy refill of {@code refillPerSecond}, expressed as whole tokens per period. */
    private static Bandwidth bandwidth(long capacity, double refillPerSecond) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        if (!(refillPerSecond > 0) || Double.isInfinite(refillPerSecond)) {
            throw new IllegalArgumentException("refill_per_second must be a positive number, was " + refillPerSecond);
        }
        long tokens = Math.max(1, Math.round(refillPerSecond));
        long periodNanos = Math.max(1, Math.round(tokens * NANOS_PER_SECOND / refillPerSecond));
        return Bandwidth.builder().capacity(capacity).refillGreedy(tokens, Duration.ofNanos(periodNanos)).build();
    }

    private static void requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a rate limiter's name must not be blank");
        }
    }

    private static long seconds(long nanos) {
        return (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }

    /** Bucket4j reads the injected wall clock: the nodes sharing a bucket share no monotonic tick. */
    private record WallClockMeter(TimeSource time) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = time.now();
            return now.getEpochSecond() * NANOS_PER_SECOND + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
