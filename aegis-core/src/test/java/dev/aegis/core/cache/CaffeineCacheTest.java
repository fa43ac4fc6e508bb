package dev.aegis.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.cache.Cache;
import dev.aegis.testkit.ManualClock;
import dev.aegis.testkit.cache.CacheContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CaffeineCacheTest extends CacheContract {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final ManualClock clock = new ManualClock();

    @Override
    protected Cache createCache(Duration ttl) {
        return new CaffeineCache(ttl, 10_000, clock);
    }

    @Override
    protected void elapse(Duration duration) {
        clock.advance(duration);
    }

    @Test
    void keepsAtMostTheMaximumNumberOfEntries() {
        try (CaffeineCache cache = new CaffeineCache(MINUTE, 10, clock)) {
            for (int i = 0; i < 1_000; i++) {
                cache.put("k:" + i, "v");
            }

            assertThat(cache.estimatedSize()).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void refusesANonPositiveTimeToLive() {
        assertThatThrownBy(() -> new CaffeineCache(Duration.ZERO, 10, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttl must be positive, was PT0S");
    }

    @Test
    void refusesANonPositiveMaximumSize() {
        assertThatThrownBy(() -> new CaffeineCache(MINUTE, 0, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maximum size must be positive, was 0");
    }
}
