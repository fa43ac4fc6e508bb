package dev.aegis.redis.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keys whose invalidation Redis has not confirmed yet, each with the number of its latest attempt: while a key
 * is here, Redis may still hold its old value, so reads skip Redis for it, and a retry removes it only if no newer
 * attempt came in the meantime.
 */
final class PendingInvalidations {

    private final Map<String, Long> keys = new ConcurrentHashMap<>();
    private final AtomicLong attempts = new AtomicLong();

    /** Notes an attempt to invalidate {@code key}, answering its number for {@link #done}. */
    long add(String key) {
        long attempt = attempts.incrementAndGet();
        keys.put(key, attempt);
        return attempt;
    }

    /** Forgets {@code key} if {@code attempt} is still its latest attempt. */
    void done(String key, long attempt) {
        keys.remove(key, attempt);
    }

    /** Forgets each key of {@code applied} whose attempt is still its latest one. */
    void doneAll(Map<String, Long> applied) {
        applied.forEach(this::done);
    }

    boolean contains(String key) {
        return keys.containsKey(key);
    }

    Map<String, Long> snapshot() {
        return Map.copyOf(keys);
    }

    int size() {
        return keys.size();
    }
}
