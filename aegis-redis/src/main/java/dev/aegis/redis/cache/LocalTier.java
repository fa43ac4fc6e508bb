package dev.aegis.redis.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.aegis.api.time.TimeSource;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's own tier: Caffeine, expiring after write on the {@link TimeSource}. It counts invalidations in a
 * generation, so that a value read from Redis is not kept when an invalidation arrived while it was being read:
 * that value may be the one the invalidation was about.
 */
final class LocalTier {

    private final Cache<String, String> entries;
    private final AtomicLong generation = new AtomicLong();

    LocalTier(Duration ttl, long maximumSize, TimeSource time) {
        this.entries = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maximumSize)
                .ticker(time::nanoTime)
                .executor(Runnable::run)
                .build();
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(entries.getIfPresent(key));
    }

    void put(String key, String value) {
        entries.put(key, value);
    }

    void putAll(Map<String, String> values) {
        entries.putAll(values);
    }

    /** The generation to hand to {@link #fill} for a read from Redis that starts now. */
    long generation() {
        return generation.get();
    }

    /**
     * Keeps {@code value}, read from Redis, unless an invalidation or a clear came after {@code readFrom} was
     * taken. Checked after the put, and the invalidation counts before it evicts, so that neither order of a
     * racing fill and invalidation leaves the value here.
     */
    void fill(String key, String value, long readFrom) {
        entries.put(key, value);
        if (generation.get() != readFrom) {
            entries.invalidate(key);
        }
    }

    void evict(String key) {
        generation.incrementAndGet();
        entries.invalidate(key);
    }

    /** Forgets every entry, answering how many there were (expired ones possibly included). */
    long clear() {
        generation.incrementAndGet();
        long size = entries.estimatedSize();
        entries.invalidateAll();
        return size;
    }
}
