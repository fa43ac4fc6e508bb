package dev.aegis.redis.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalTierTest {

    private final ManualClock clock = new ManualClock();
    private final LocalTier local = new LocalTier(Duration.ofSeconds(10), 100, clock);

    @Test
    void keepsAValueReadFromRedisWhenNothingWasInvalidatedMeanwhile() {
        long readFrom = local.generation();
        local.fill("k", "v", readFrom);

        assertThat(local.get("k")).contains("v");
    }

    @Test
    void dropsAValueReadFromRedisWhenAnInvalidationArrivedMeanwhile() {
        long readFrom = local.generation();
        local.evict("k");
        local.fill("k", "old", readFrom);

        assertThat(local.get("k")).isEmpty();
    }

    @Test
    void dropsAValueReadFromRedisWhenEverythingWasClearedMeanwhile() {
        long readFrom = local.generation();
        local.clear();
        local.fill("k", "old", readFrom);

        assertThat(local.get("k")).isEmpty();
    }

    @Test
    void clearsEveryEntryAndSaysHowMany() {
        local.put("a", "1");
        local.put("b", "2");

        assertThat(local.clear()).isEqualTo(2);
        assertThat(local.get("a")).isEmpty();
    }

    @Test
    void forgetsAValueItsTtlAfterItWasFilled() {
        local.fill("k", "v", local.generation());
        clock.advance(Duration.ofSeconds(10));

        assertThat(local.get("k")).isEmpty();
    }
}
