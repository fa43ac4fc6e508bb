/**
 * Request rate limits: Bucket4j token buckets kept in memory, one per client IP and one per tenant, in a bounded
 * Caffeine cache. {@link dev.aegis.server.ratelimit.RateLimiter} is the entry point.
 */
package dev.aegis.server.ratelimit;
