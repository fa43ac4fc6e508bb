package dev.aegis.core.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.aegis.core.autoscale.ScalingDecision.Reason;
import dev.aegis.testkit.ManualClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Decisions show in the meters, the latest decision and one INFO line per change of size. */
class AutoscalerObservabilityTest {

    private static final String LOAD = "load";

    private final ManualClock clock = new ManualClock();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final Logger logger = (Logger) LoggerFactory.getLogger(Autoscaler.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Autoscaler autoscaler = new Autoscaler(
            AutoscalerConfig.hpaDefaults(1, 20, MetricTarget.value(LOAD, 100)), clock, meters, "tasks");
    private Level levelBefore;

    @BeforeEach
    void captureLogs() {
        levelBefore = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
        logger.setAdditive(true);
        logger.setLevel(levelBefore);
    }

    private double gauge(String name) {
        return meters.get(name).tag("pool", "tasks").gauge().value();
    }

    private double scaleEvents(String direction) {
        return meters.get(AutoscalerMeters.SCALE_EVENTS)
                .tags("pool", "tasks", "direction", direction)
                .counter()
                .count();
    }

    @Test
    void exposesTheLatestDecision() {
        assertThat(autoscaler.lastDecision()).isEmpty();

        ScalingDecision decision = autoscaler.decide(4, Map.of(LOAD, 200.0));

        assertThat(autoscaler.lastDecision()).contains(decision);
        assertThat(decision.scales()).isTrue();
        assertThat(autoscaler.config().maxReplicas()).isEqualTo(20);
    }

    @Test
    void gaugesShowTheLastSizesAndCountersCountEachChange() {
        autoscaler.decide(4, Map.of(LOAD, 200.0));
        clock.advance(Duration.ofSeconds(15));
        autoscaler.decide(8, Map.of(LOAD, 100.0));

        assertThat(gauge(AutoscalerMeters.CURRENT)).isEqualTo(8);
        assertThat(gauge(AutoscalerMeters.DESIRED)).isEqualTo(8);
        assertThat(scaleEvents("up")).isEqualTo(1);

        clock.advance(Duration.ofMinutes(5));
        autoscaler.decide(8, Map.of(LOAD, 50.0));

        assertThat(gauge(AutoscalerMeters.DESIRED)).isEqualTo(4);
        assertThat(scaleEvents("down")).isEqualTo(1);
    }

    @Test
    void logsOneInfoLinePerChangeOfSizeAndNothingWhileItHolds() {
        autoscaler.decide(4, Map.of(LOAD, 200.0));
        clock.advance(Duration.ofSeconds(15));
        autoscaler.decide(8, Map.of(LOAD, 100.0));
        autoscaler.decide(8, Map.of(LOAD, 105.0));

        assertThat(logs.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getFormattedMessage()).isEqualTo(
                    "autoscaler tasks: 4 -> 8 replicas (" + Reason.SCALE_UP.description() + "); metrics {load=200.0}");
        });
    }
}
