package dev.aegis.core.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.aegis.api.cache.Cache;
import dev.aegis.api.cache.CacheStats;
import dev.aegis.api.time.TimeSource;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The embedded {@link Cache}: one Caffeine cache in the JVM, bounded to {@code maximumSize} entries (the least
 * useful go first), each expiring {@code ttl} after its last put as read from the {@link TimeSource}. Nothing is
 * shared between nodes, so an invalidation reaches only this JVM: the embedded default for a single node.
 */
public final class CaffeineCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<String, String> entries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public CaffeineCache(Duration ttl, long maximumSize, TimeSource time) {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(time, "time");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the cache's ttl must be positive, was " + ttl);
        }
        if (maximumSize <= 0) {
            throw new IllegalArgumentException("the cache's maximum size must be positive, was " + maximumSize);
        }
        this.entries = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maximumSize)
                .ticker(time::nanoTime)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Optional<String> get(String key) {
        Optional<String> value = Optional.ofNullable(entries.getIfPresent(key));
        (value.isPresent() ? hits : misses).increment();
        return value;
    }

    @Override
    public void put(String key, String value) {
        entries.put(key, value);
    }

    @Override
    public void putAll(Map<String, String> values) {
        entries.putAll(values);
    }

    @Override
    public void invalidate(String key) {
        entries.invalidate(key);
    }

    @Override
    public CacheStats stats() {
        return new CacheStats(hits.sum(), misses.sum(), 0);
    }

    /** Entries held now, expired ones possibly included until the cache's next maintenance. */
    public long estimatedSize() {
        return entries.estimatedSize();
    }

    @Override
    public void close() {
        entries.invalidateAll();
    }
}
