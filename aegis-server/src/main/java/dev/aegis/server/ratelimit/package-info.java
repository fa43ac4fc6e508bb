/**
 * The server's request rate limiters (the port is {@link dev.aegis.api.ratelimit.RateLimiter}): Bucket4j token
 * buckets kept in memory, one per client IP and one per tenant, in a bounded Caffeine cache, and a fallback from
 * shared buckets to those when the shared ones cannot be reached. {@link dev.aegis.server.ratelimit.RateLimiters}
 * is the entry point.
 */
package dev.aegis.server.ratelimit;
