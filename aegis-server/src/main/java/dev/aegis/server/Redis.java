package dev.aegis.server;

import dev.aegis.api.cache.Cache;
import dev.aegis.api.ratelimit.RateLimiter;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.cache.CaffeineCache;
import dev.aegis.redis.RedisSettings;
import dev.aegis.redis.cache.TwoTierCache;
import dev.aegis.redis.cache.TwoTierSettings;
import dev.aegis.redis.ratelimit.RedisRateLimiter;
import dev.aegis.server.config.CacheSection;
import dev.aegis.server.config.ClusterSection;
import dev.aegis.server.config.RateLimitConfig;
import dev.aegis.server.config.RedisSection;
import dev.aegis.server.ratelimit.RateLimiters;

/** What the nodes of a cluster share in Redis: the settings, rate limits, and the cache of finished tasks. */
final class Redis {

    private Redis() {}

    static RedisSettings settings(RedisSection redis) {
        return new RedisSettings(redis.uri(), redis.timeout(), redis.keyPrefix());
    }

    /** One bucket per key for the whole cluster in cluster mode, falling back as configured; else per node. */
    static RateLimiter rateLimiter(String name, RateLimitConfig limit, ClusterSection cluster, TimeSource time,
            long maximumBuckets) {
        RateLimiter local = RateLimiters.local(limit, time, maximumBuckets);
        if (!cluster.enabled()) {
            return local;
        }
        RedisRateLimiter shared = RedisRateLimiter.open(settings(cluster.redis()), name, limit.capacity(),
                limit.refillPerSecond(), time);
        return RateLimiters.withFallback(shared, local, cluster.redis().rateLimitsFailOpen());
    }

    /** Each node's memory over Redis in cluster mode; the node's memory alone otherwise. */
    static Cache finishedTasks(ClusterSection cluster, TimeSource time) {
        CacheSection cache = cluster.cache();
        if (!cluster.enabled()) {
            return new CaffeineCache(cache.l1Ttl(), cache.maximumSize(), time);
        }
        return TwoTierCache.open(settings(cluster.redis()), new TwoTierSettings(cache.l1Ttl(), cache.maximumSize(),
                cache.l2Ttl(), cache.failOpen()), time);
    }
}
