package dev.aegis.api.cache;

/**
 * Counts since a cache was made.
 *
 * @param hits reads answered with a value
 * @param misses reads answered empty, including those a failure made empty
 * @param errors calls to a remote tier that failed or timed out (always 0 for an embedded cache)
 */
public record CacheStats(long hits, long misses, long errors) {
}
