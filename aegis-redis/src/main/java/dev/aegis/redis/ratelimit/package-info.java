/**
 * Rate limits that the nodes of a cluster enforce together: Bucket4j token buckets kept in Redis.
 * {@link dev.aegis.redis.ratelimit.RedisRateLimiter} is the entry point.
 */
package dev.aegis.redis.ratelimit;
