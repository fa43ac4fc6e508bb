package dev.aegis.api.ratelimit;

import dev.aegis.api.AegisException;

/**
 * The shared buckets cannot be reached (connection refused, command timed out), so a request could not be
 * counted against its limit; trying again soon may succeed. Cheap: it carries no stack trace of its own, only
 * its cause.
 */
public final class RateLimiterUnavailableException extends AegisException {

    public RateLimiterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
