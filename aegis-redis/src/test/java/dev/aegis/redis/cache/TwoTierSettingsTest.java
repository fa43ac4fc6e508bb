package dev.aegis.redis.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TwoTierSettingsTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void defaultsToTenSecondsInMemoryFiveMinutesInRedisAndFailingOpen() {
        assertThat(TwoTierSettings.defaults())
                .isEqualTo(new TwoTierSettings(Duration.ofSeconds(10), 10_000, Duration.ofMinutes(5), true));
    }

    @Test
    void refusesAnL1TtlLongerThanTheL2Ttl() {
        assertThatThrownBy(() -> new TwoTierSettings(Duration.ofMinutes(10), 100, Duration.ofMinutes(5), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("l1 ttl (PT10M) must not exceed its l2 ttl (PT5M)");
    }

    @Test
    void acceptsEqualTtls() {
        assertThat(new TwoTierSettings(SECOND, 1, SECOND, false).l2Ttl()).isEqualTo(SECOND);
    }

    @Test
    void refusesNonPositiveTtlsAndSizes() {
        assertThatThrownBy(() -> new TwoTierSettings(Duration.ZERO, 100, SECOND, true))
                .hasMessageContaining("l1 ttl must be positive, was PT0S");
        assertThatThrownBy(() -> new TwoTierSettings(SECOND, 0, SECOND, true))
                .hasMessageContaining("l1 maximum size must be positive, was 0");
        assertThatThrownBy(() -> new TwoTierSettings(Duration.ofNanos(1), 100, Duration.ofNanos(500), true))
                .hasMessageContaining("l2 ttl must be at least 1 ms, was PT0.0000005S");
    }
}
