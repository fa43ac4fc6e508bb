package dev.aegis.server;

import dev.aegis.api.cache.Cache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/** Exports a cache's counts: {@code aegis_cache_hits_total}, {@code _misses_total}, {@code _errors_total}. */
final class CacheMeters {

    private CacheMeters() {}

    static void bind(MeterRegistry registry, String name, Cache cache) {
        FunctionCounter.builder("aegis.cache.hits", cache, c -> c.stats().hits())
                .description("reads the cache answered").tag("cache", name).register(registry);
        FunctionCounter.builder("aegis.cache.misses", cache, c -> c.stats().misses())
                .description("reads the cache could not answer").tag("cache", name).register(registry);
        FunctionCounter.builder("aegis.cache.errors", cache, c -> c.stats().errors())
                .description("calls to the cache's shared tier that failed (Redis down or slow)").tag("cache", name)
                .register(registry);
    }
}
