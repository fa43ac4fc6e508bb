package dev.aegis.kafka.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class StreamMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StreamMeters meters = new StreamMeters(registry, "aegis.events");

    @Test
    void lagIsAGaugeTaggedWithTheTopicUntilClosed() {
        meters.lag(42);

        assertThat(registry.get("aegis.stream.lag").tag("topic", "aegis.events").gauge().value()).isEqualTo(42);
        meters.close();
        assertThat(registry.find("aegis.stream.lag").gauge()).isNull();
    }

    @Test
    void eventsAreCountedByOutcome() {
        meters.count(Outcome.EVALUATED, 3);
        meters.count(Outcome.DEAD_LETTERED, 1);
        meters.count(Outcome.RETRIED, 2);

        assertThat(registry.get("aegis.stream.events").tag("outcome", "evaluated").counter().count()).isEqualTo(3);
        assertThat(registry.get("aegis.stream.events").tag("outcome", "dead_lettered").counter().count()).isEqualTo(1);
        assertThat(registry.get("aegis.stream.events").tag("outcome", "retried").counter().count()).isEqualTo(2);
    }
}
