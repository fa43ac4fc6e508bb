package dev.aegis.api.cache;

import java.util.Map;
import java.util.Optional;

/**
 * A cache-aside cache of string values under string keys, in front of a system of record such as the task store.
 * A caller reads the cache first, reads the system of record on a miss and puts what it read; a caller that
 * changes the system of record invalidates the key after the change is stored.
 *
 * <p>A cache is never the system of record: it may forget any entry at any time (its time to live, its size
 * bound, an outage), so a miss must always be answered from the system of record. Every entry lives for the time
 * to live that the adapter is configured with, counted from its last put; reads do not extend it. A value read
 * here is the latest one put, unless an invalidation was lost (a node or network failure between the change and
 * its invalidation) or raced a reader that put what it had read before the change: then a stale value may be
 * answered, but never for longer than the adapter's time to live.
 *
 * <p>Every method is safe to call from many threads.
 */
public interface Cache extends AutoCloseable {

    /** The value last put under {@code key}, or empty when the cache does not hold one (a miss). */
    Optional<String> get(String key);

    /** Holds {@code value} under {@code key}, replacing any value there, for the cache's time to live. */
    void put(String key, String value);

    /** Holds every entry of {@code entries}, as {@link #put} would one by one but in one go: for warming. */
    void putAll(Map<String, String> entries);

    /** Forgets the value under {@code key}, everywhere the cache holds it; forgetting a missing key is a no-op. */
    void invalidate(String key);

    /** How often reads hit, missed and found the cache unreachable since it was made. */
    CacheStats stats();

    /** Releases the cache's connections and threads; the cache answers nothing afterwards. */
    @Override
    void close();
}
