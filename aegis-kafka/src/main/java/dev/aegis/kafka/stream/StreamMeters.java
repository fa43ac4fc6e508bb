package dev.aegis.kafka.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code aegis.stream.lag} (tagged {@code topic}): records of the events topic this node's consumer has not
 * processed yet, over the partitions it holds; {@code aegis.stream.events} (tagged {@code outcome}): records by what
 * became of them. In Prometheus: {@code aegis_stream_lag}, {@code aegis_stream_events_total}.
 */
final class StreamMeters {

    static final String LAG = "aegis.stream.lag";
    static final String EVENTS = "aegis.stream.events";

    private final MeterRegistry registry;
    private final AtomicLong lag = new AtomicLong();
    private final Gauge lagGauge;
    private final Map<Outcome, Counter> events = new EnumMap<>(Outcome.class);

    StreamMeters(MeterRegistry registry, String topic) {
        this.registry = registry;
        this.lagGauge = Gauge.builder(LAG, lag, AtomicLong::get)
                .description("Records of the events topic not yet processed by this node's consumer")
                .tag("topic", topic).register(registry);
        for (Outcome outcome : Outcome.values()) {
            events.put(outcome, Counter.builder(EVENTS).description("Stream records by what became of them")
                    .tag("outcome", outcome.tag()).register(registry));
        }
    }

    void lag(long records) {
        lag.set(records);
    }

    void count(Outcome outcome, int records) {
        if (records > 0) {
            events.get(outcome).increment(records);
        }
    }

    /** Removes the lag, which no one updates any more; the counts stay. */
    void close() {
        registry.remove(lagGauge);
    }
}
