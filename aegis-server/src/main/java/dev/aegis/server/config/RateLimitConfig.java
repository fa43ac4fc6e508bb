package dev.aegis.server.config;

/** One token bucket: at most {@code capacity} requests at once, refilled at {@code refillPerSecond}. */
public record RateLimitConfig(long capacity, double refillPerSecond) {

    public RateLimitConfig {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        if (!(refillPerSecond > 0) || Double.isInfinite(refillPerSecond)) {
            throw new IllegalArgumentException("refill_per_second must be a positive number, was " + refillPerSecond);
        }
    }
}
