package dev.aegis.redis.cache;

import dev.aegis.api.cache.Cache;
import dev.aegis.api.cache.CacheStats;
import dev.aegis.api.cache.CacheUnavailableException;
import dev.aegis.api.time.TimeSource;
import dev.aegis.redis.RedisSettings;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Cache} of a cluster: each node keeps entries in its own memory (L1, Caffeine) over Redis shared by
 * every node (L2, {@code SET <prefix>cache:<key> value PX l2Ttl}). A read tries L1, then L2 (keeping an L2 hit in
 * L1), and misses when neither holds the key; a put writes both. An invalidation evicts L1, deletes the key in
 * Redis and then publishes it on {@code <prefix>cache-invalidations}, where every node (this one included)
 * listens and evicts it from its own L1. A node whose subscription was broken clears its whole L1 when it is
 * subscribed again, since it may have missed invalidations meanwhile.
 *
 * <p>Staleness: a node answers an old value only while an invalidation has not reached it, which is at most
 * {@code l1Ttl} for its L1 and {@code l2Ttl} for Redis, unless a reader put back what it had read before the
 * change (a race of every cache-aside cache; the same bounds apply).
 *
 * <p>Outages: every Redis call is bounded by the Redis settings' timeout. Failing open (the default), a Redis
 * failure never reaches the caller: a read answers from L1 or misses, a put keeps to L1, and an invalidation
 * evicts L1 and remembers the key; every {@value #RETRY_SECONDS} s the remembered keys are deleted and published
 * again until Redis confirms, and until then reads skip Redis for them. Failing closed, a Redis failure throws a
 * {@link CacheUnavailableException} after the same local work. One WARN is logged when Redis stops answering and
 * one INFO when it answers again.
 */
public final class TwoTierCache implements Cache {

    /** How often invalidations that Redis did not confirm are sent again. */
    public static final long RETRY_SECONDS = 1;

    private static final Logger LOG = LoggerFactory.getLogger(TwoTierCache.class);

    private final RedisClient client;
    private final LocalTier local;
    private final RedisTier remote;
    private final InvalidationSubscription subscription;
    private final PendingInvalidations pending = new PendingInvalidations();
    private final OutageLog outage;
    private final boolean failOpen;
    private final ScheduledExecutorService retries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder errors = new LongAdder();

    private TwoTierCache(RedisClient client, LocalTier local, RedisTier remote, InvalidationSubscription subscription,
            boolean failOpen) {
        this.client = client;
        this.local = local;
        this.remote = remote;
        this.subscription = subscription;
        this.outage = new OutageLog(remote.location());
        this.failOpen = failOpen;
        this.retries = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("aegis-cache-invalidation-retry").daemon(true).factory());
        this.retries.scheduleWithFixedDelay(this::retryPending, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Connects to Redis (a client of its own, and a second connection for invalidations) and answers the cache.
     *
     * @throws CacheUnavailableException when Redis cannot be reached within the settings' timeout, whether the
     *     cache fails open or not: the caller chooses to start without the shared tier or not at all
     */
    public static TwoTierCache open(RedisSettings redis, TwoTierSettings settings, TimeSource time) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(time, "time");
        RedisClient client = redis.client();
        try {
            LocalTier local = new LocalTier(settings.l1Ttl(), settings.l1MaximumSize(), time);
            RedisTier remote = RedisTier.connect(client, redis, settings.l2Ttl());
            InvalidationSubscription subscription = InvalidationSubscription.open(client, redis, local);
            return new TwoTierCache(client, local, remote, subscription, settings.failOpen());
        } catch (CacheUnavailableException e) {
            client.shutdown();
            throw e;
        }
    }

    @Override
    public Optional<String> get(String key) {
        Objects.requireNonNull(key, "key");
        Optional<String> value = local.get(key).or(() -> readRemote(key));
        (value.isPresent() ? hits : misses).increment();
        return value;
    }

    @Override
    public void put(String key, String value) {
        putAll(Map.of(key, value));
    }

    @Override
    public void putAll(Map<String, String> entries) {
        Map<String, String> copy = Map.copyOf(entries);
        local.putAll(copy);
        onRemote(() -> {
            remote.set(copy);
            return null;
        }, null);
    }

    @Override
    public void invalidate(String key) {
        Objects.requireNonNull(key, "key");
        local.evict(key);
        long attempt = pending.add(key);
        onRemote(() -> {
            remote.delete(List.of(key));
            pending.done(key, attempt);
            return null;
        }, null);
    }

    @Override
    public CacheStats stats() {
        return new CacheStats(hits.sum(), misses.sum(), errors.sum());
    }

    /** Invalidations that Redis has not confirmed yet and that are being retried. */
    public int pendingInvalidations() {
        return pending.size();
    }

    @Override
    public void close() {
        retries.shutdownNow();
        if (pending.size() > 0) {
            LOG.warn("closing the cache with {} invalidations Redis did not confirm; those entries may be answered "
                    + "by other nodes until their time to live ends", pending.size());
        }
        subscription.close();
        remote.close();
        client.shutdown();
        local.clear();
    }

    private Optional<String> readRemote(String key) {
        if (pending.contains(key)) {
            return Optional.empty();
        }
        long readFrom = local.generation();
        Optional<String> value = onRemote(() -> remote.get(key), Optional.empty());
        value.ifPresent(found -> local.fill(key, found, readFrom));
        return value;
    }

    private void retryPending() {
        Map<String, Long> due = pending.snapshot();
        if (due.isEmpty()) {
            return;
        }
        try {
            remote.delete(due.keySet());
            pending.doneAll(due);
            outage.answered();
        } catch (CacheUnavailableException e) {
            errors.increment();
            outage.failed(e);
        }
    }

    /** Runs a Redis call; on failure answers {@code fallback} when failing open, and throws otherwise. */
    private <T> T onRemote(Supplier<T> call, T fallback) {
        try {
            T result = call.get();
            outage.answered();
            return result;
        } catch (CacheUnavailableException e) {
            errors.increment();
            outage.failed(e);
            if (failOpen) {
                return fallback;
            }
            throw e;
        }
    }
}
