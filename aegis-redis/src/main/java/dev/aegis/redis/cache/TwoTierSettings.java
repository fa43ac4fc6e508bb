package dev.aegis.redis.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each tier of a {@link TwoTierCache} keeps an entry, and what a Redis failure does to a caller.
 *
 * @param l1Ttl how long an entry stays in a node's own memory after it was put or read from Redis; this bounds
 *     how long a node can answer a value whose invalidation it missed. Default {@value #DEFAULT_L1_TTL_SECONDS} s
 * @param l1MaximumSize how many entries a node keeps in memory; the least useful go first. Default
 *     {@value #DEFAULT_L1_MAXIMUM_SIZE}
 * @param l2Ttl how long Redis keeps an entry after it was put, to whole milliseconds; at least {@code l1Ttl}.
 *     Default {@value #DEFAULT_L2_TTL_MINUTES} min
 * @param failOpen {@code true} (the default): a Redis failure reads as a miss and a skipped write, so the
 *     caller goes to the system of record; {@code false}: it throws
 *     {@link dev.aegis.api.cache.CacheUnavailableException}
 */
public record TwoTierSettings(Duration l1Ttl, long l1MaximumSize, Duration l2Ttl, boolean failOpen) {

    public static final long DEFAULT_L1_TTL_SECONDS = 10;
    public static final long DEFAULT_L1_MAXIMUM_SIZE = 10_000;
    public static final long DEFAULT_L2_TTL_MINUTES = 5;

    public TwoTierSettings {
        Objects.requireNonNull(l1Ttl, "l1Ttl");
        Objects.requireNonNull(l2Ttl, "l2Ttl");
        if (l1Ttl.isNegative() || l1Ttl.isZero()) {
            throw new IllegalArgumentException("the cache's l1 ttl must be positive, was " + l1Ttl);
        }
        if (l1MaximumSize <= 0) {
            throw new IllegalArgumentException("the cache's l1 maximum size must be positive, was " + l1MaximumSize);
        }
        if (l2Ttl.toMillis() <= 0) {
            throw new IllegalArgumentException("the cache's l2 ttl must be at least 1 ms, was " + l2Ttl);
        }
        if (l1Ttl.compareTo(l2Ttl) > 0) {
            throw new IllegalArgumentException("the cache's l1 ttl (" + l1Ttl + ") must not exceed its l2 ttl ("
                    + l2Ttl + "): a node would keep copies of entries that Redis has already forgotten");
        }
    }

    /** 10 s in memory, 10,000 entries in memory, 5 min in Redis, failing open. */
    public static TwoTierSettings defaults() {
        return new TwoTierSettings(Duration.ofSeconds(DEFAULT_L1_TTL_SECONDS), DEFAULT_L1_MAXIMUM_SIZE,
                Duration.ofMinutes(DEFAULT_L2_TTL_MINUTES), true);
    }
}
