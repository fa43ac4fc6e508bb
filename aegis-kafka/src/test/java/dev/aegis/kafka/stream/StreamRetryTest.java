package dev.aegis.kafka.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StreamRetryTest {

    private static final TopicPartition P0 = new TopicPartition("events", 0);
    private static final TopicPartition P1 = new TopicPartition("events", 1);

    private final ManualClock clock = new ManualClock();
    private final RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), clock);

    @Test
    void eachFailureInARowDoublesTheWaitUpToTheLongest() {
        assertThat(List.of(backoff.failed(P0), backoff.failed(P0), backoff.failed(P0), backoff.failed(P0),
                backoff.failed(P0))).extracting(Duration::toMillis).containsExactly(100L, 200L, 400L, 800L, 1000L);
    }

    @Test
    void aSuccessStartsTheWaitsOver() {
        backoff.failed(P0);
        backoff.failed(P0);

        backoff.succeeded(P0);

        assertThat(backoff.failed(P0)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aPartitionIsDueOnceItsWaitIsOverAndOnlyOnce() {
        backoff.failed(P0);
        backoff.failed(P1);
        backoff.failed(P1);

        clock.advance(Duration.ofMillis(99));
        assertThat(backoff.due()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(backoff.due()).containsExactly(P0);
        clock.advance(Duration.ofMillis(100));
        assertThat(backoff.due()).containsExactly(P1);
        assertThat(backoff.due()).isEmpty();
    }

    @Test
    void aRevokedPartitionIsForgotten() {
        backoff.failed(P0);
        backoff.failed(P0);

        backoff.forget(List.of(P0));
        clock.advance(Duration.ofSeconds(1));

        assertThat(backoff.due()).isEmpty();
        assertThat(backoff.failed(P0)).isEqualTo(Duration.ofMillis(100));
    }
}
