package dev.aegis.core.autoscale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One pool's autoscaler meters, tagged {@code pool}: the gauges {@code aegis.autoscaler.desired.replicas} and
 * {@code aegis.autoscaler.current.replicas} (0 until the first decision), and the counter
 * {@code aegis.autoscaler.scale.events} per {@code direction} (up, down), one per decision that changes the size.
 */
final class AutoscalerMeters {

    static final String DESIRED = "aegis.autoscaler.desired.replicas";
    static final String CURRENT = "aegis.autoscaler.current.replicas";
    static final String SCALE_EVENTS = "aegis.autoscaler.scale.events";

    private final AtomicInteger desired = new AtomicInteger();
    private final AtomicInteger current = new AtomicInteger();
    private final Counter scaledUp;
    private final Counter scaledDown;

    AutoscalerMeters(String pool, MeterRegistry meters) {
        gauge(DESIRED, "Replicas the autoscaler last asked for", pool, desired, meters);
        gauge(CURRENT, "Replicas the pool last reported", pool, current, meters);
        scaledUp = scaleEvents(pool, "up", meters);
        scaledDown = scaleEvents(pool, "down", meters);
    }

    private static void gauge(String name, String description, String pool, AtomicInteger value, MeterRegistry meters) {
        Gauge.builder(name, value, AtomicInteger::get)
                .description(description)
                .tag("pool", pool)
                .strongReference(true)
                .register(meters);
    }

    private static Counter scaleEvents(String pool, String direction, MeterRegistry meters) {
        return Counter.builder(SCALE_EVENTS)
                .description("Autoscaler decisions that changed the pool's size")
                .tag("pool", pool)
                .tag("direction", direction)
                .register(meters);
    }

    void record(ScalingDecision decision) {
        current.set(decision.current());
        desired.set(decision.desired());
        if (decision.desired() > decision.current()) {
            scaledUp.increment();
        } else if (decision.desired() < decision.current()) {
            scaledDown.increment();
        }
    }
}
