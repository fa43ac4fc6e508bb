package dev.aegis.redis.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MicrosTest {

    @Test
    void countsMicrosecondsSinceTheEpochDroppingNanoseconds() {
        assertThat(Micros.sinceEpoch(Instant.parse("2026-03-01T12:00:00.000001999Z")))
                .isEqualTo(1_772_366_400_000_001L);
        assertThat(Micros.sinceEpoch(Instant.parse("1969-12-31T23:59:59Z"))).isEqualTo(-1_000_000L);
    }

    @Test
    void roundsADurationUpToWholeMicroseconds() {
        assertThat(Micros.of(Duration.ofNanos(1))).isEqualTo(1);
        assertThat(Micros.of(Duration.ofMillis(1500))).isEqualTo(1_500_000);
    }

    @Test
    void saturatesWhereARedisScoreWouldStopBeingExact() {
        assertThat(Micros.sinceEpoch(Instant.MAX)).isEqualTo(Micros.MAX);
        assertThat(Micros.sinceEpoch(Instant.MIN)).isEqualTo(Micros.MIN);
        assertThat(Micros.of(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Micros.MAX);
        assertThat(Micros.plus(Micros.MAX - 1, 10)).isEqualTo(Micros.MAX);
        assertThat(Micros.minus(Micros.MIN + 1, 10)).isEqualTo(Micros.MIN);
        assertThat((double) Micros.MAX).isEqualTo(Math.pow(2, 53));
    }
}
