/**
 * The port for request rate limits: {@link dev.aegis.api.ratelimit.RateLimiter} takes tokens from one bucket per
 * key and answers a {@link dev.aegis.api.ratelimit.RateLimit}; kept in the JVM on one node, in Redis when several
 * nodes must enforce one limit together.
 */
package dev.aegis.api.ratelimit;
