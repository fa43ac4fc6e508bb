package dev.aegis.api.cache;

import dev.aegis.api.AegisException;

/**
 * A cache's remote tier could not be reached in time, and the cache is set to fail closed rather than answer as
 * a miss. Retryable: the caller may read the system of record instead, or try again later.
 */
public final class CacheUnavailableException extends AegisException {

    public CacheUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
