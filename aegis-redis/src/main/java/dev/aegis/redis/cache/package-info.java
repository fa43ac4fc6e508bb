/**
 * The cluster adapter of the cache port: Caffeine in each JVM over Redis shared by every node, with
 * invalidations broadcast over Redis pub/sub. {@link dev.aegis.redis.cache.TwoTierCache} is the entry point.
 */
package dev.aegis.redis.cache;
