package dev.aegis.core.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.core.autoscale.ScalingDecision.Reason;
import dev.aegis.testkit.ManualClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The algorithm with Kubernetes' default behaviour, on the worked examples of the HPA documentation. */
class AutoscalerTest {

    private static final String LOAD = "load";
    private static final MetricTarget LOAD_100 = MetricTarget.value(LOAD, 100);

    private final ManualClock clock = new ManualClock();

    private Autoscaler autoscaler(AutoscalerConfig config) {
        return new Autoscaler(config, clock);
    }

    private static AutoscalerConfig withoutScaleDownWindow(AutoscalerConfig config) {
        return config.withScaleDown(config.scaleDown().withStabilizationWindow(Duration.ZERO));
    }

    private static Map<String, Double> load(double value) {
        return Map.of(LOAD, value);
    }

    @Test
    void doublesTheReplicasWhenTheMetricIsTwiceItsTarget() {
        ScalingDecision decision = autoscaler(AutoscalerConfig.hpaDefaults(1, 100, LOAD_100)).decide(4, load(200));

        assertThat(decision).isEqualTo(new ScalingDecision(4, 8, Map.of(LOAD, 8), Reason.SCALE_UP));
    }

    @Test
    void halvesTheReplicasWhenTheMetricIsHalfItsTarget() {
        Autoscaler autoscaler = autoscaler(withoutScaleDownWindow(AutoscalerConfig.hpaDefaults(1, 100, LOAD_100)));

        ScalingDecision decision = autoscaler.decide(8, load(50));

        assertThat(decision).isEqualTo(new ScalingDecision(8, 4, Map.of(LOAD, 4), Reason.SCALE_DOWN));
    }

    @Test
    void keepsTheSizeWhileTheRatioIsWithinTheToleranceBoundsIncluded() {
        Autoscaler autoscaler = autoscaler(withoutScaleDownWindow(AutoscalerConfig.hpaDefaults(1, 100, LOAD_100)));

        assertThat(autoscaler.decide(10, load(110)).reason()).isEqualTo(Reason.WITHIN_TOLERANCE);
        assertThat(autoscaler.decide(10, load(90)).desired()).isEqualTo(10);
        assertThat(autoscaler.decide(10, load(111)).desired()).isEqualTo(12);
        assertThat(autoscaler.decide(12, load(74)).desired()).isEqualTo(9);
    }

    @Test
    void takesTheHighestRecommendationOfSeveralMetrics() {
        AutoscalerConfig config = AutoscalerConfig.hpaDefaults(1, 100, LOAD_100,
                MetricTarget.utilization("busy", 50), MetricTarget.averageValue("backlog", 10));

        ScalingDecision decision = autoscaler(config).decide(10, Map.of(LOAD, 150.0, "busy", 80.0, "backlog", 120.0));

        assertThat(decision.recommendations()).containsExactly(
                Map.entry(LOAD, 15), Map.entry("busy", 16), Map.entry("backlog", 12));
        assertThat(decision.desired()).isEqualTo(16);
    }

    @Test
    void anAverageValueMetricDividesItsTotalByTheTargetPerReplica() {
        AutoscalerConfig config = AutoscalerConfig.hpaDefaults(1, 100, MetricTarget.averageValue("backlog", 100));
        Autoscaler autoscaler = autoscaler(config);

        assertThat(autoscaler.decide(4, Map.of("backlog", 1000.0)).desired()).isEqualTo(8);
        assertThat(autoscaler.decide(10, Map.of("backlog", 1050.0)).reason()).isEqualTo(Reason.WITHIN_TOLERANCE);
    }

    @Test
    void stillScalesUpWhenAMetricIsMissing() {
        AutoscalerConfig config = AutoscalerConfig.hpaDefaults(1, 100, LOAD_100, MetricTarget.value("other", 10));

        ScalingDecision decision = autoscaler(config).decide(4, load(200));

        assertThat(decision.desired()).isEqualTo(8);
        assertThat(decision.recommendations()).containsOnlyKeys(LOAD);
    }

    @Test
    void keepsTheSizeWhenAMetricIsMissingAndTheOthersSuggestScalingDown() {
        AutoscalerConfig config = AutoscalerConfig.hpaDefaults(1, 100, LOAD_100, MetricTarget.value("other", 10));
        Autoscaler autoscaler = autoscaler(withoutScaleDownWindow(config));

        ScalingDecision decision = autoscaler.decide(8, load(10));

        assertThat(decision).isEqualTo(new ScalingDecision(8, 8, Map.of(LOAD, 1), Reason.MISSING_METRICS));
    }

    @Test
    void keepsTheSizeWhenNoMetricIsAvailable() {
        Autoscaler autoscaler = autoscaler(AutoscalerConfig.hpaDefaults(1, 100, LOAD_100));
        Map<String, Double> unusable = new HashMap<>();
        unusable.put(LOAD, Double.NaN);
        unusable.put("unknown", 500.0);

        assertThat(autoscaler.decide(5, Map.of()).reason()).isEqualTo(Reason.NO_METRICS);
        assertThat(autoscaler.decide(5, unusable)).isEqualTo(new ScalingDecision(5, 5, Map.of(), Reason.NO_METRICS));
        assertThat(autoscaler.decide(5, load(-1)).desired()).isEqualTo(5);
    }

    @Test
    void theDefaultScaleUpAddsFourReplicasToOneThenDoublesEachPeriod() {
        Autoscaler autoscaler = autoscaler(AutoscalerConfig.hpaDefaults(1, 100, LOAD_100));

        assertThat(autoscaler.decide(1, load(5000))).isEqualTo(
                new ScalingDecision(1, 5, Map.of(LOAD, 50), Reason.SCALE_UP_LIMITED));
        clock.advance(Duration.ofSeconds(14));
        assertThat(autoscaler.decide(5, load(1000)).desired()).isEqualTo(5);
        clock.advance(Duration.ofSeconds(1));
        assertThat(autoscaler.decide(5, load(1000)).desired()).isEqualTo(10);
        clock.advance(Duration.ofSeconds(15));
        assertThat(autoscaler.decide(10, load(500)).desired()).isEqualTo(20);
    }

    @Test
    void theScaleDownWindowKeepsTheHighestRecommendationForItsLengthThenLetsItDrop() {
        Autoscaler autoscaler = autoscaler(AutoscalerConfig.hpaDefaults(1, 100, LOAD_100));

        assertThat(autoscaler.decide(10, load(100)).desired()).isEqualTo(10);
        clock.advance(Duration.ofSeconds(60));
        assertThat(autoscaler.decide(10, load(80))).isEqualTo(
                new ScalingDecision(10, 10, Map.of(LOAD, 8), Reason.SCALE_DOWN_STABILIZED));
        clock.advance(Duration.ofSeconds(60));
        assertThat(autoscaler.decide(10, load(50)).desired()).isEqualTo(10);
        clock.advance(Duration.ofSeconds(179));
        assertThat(autoscaler.decide(10, load(50)).desired()).isEqualTo(10);
        clock.advance(Duration.ofSeconds(1));
        assertThat(autoscaler.decide(10, load(50)).desired()).as("the first 10 is 300 s old").isEqualTo(8);
        clock.advance(Duration.ofSeconds(60));
        assertThat(autoscaler.decide(8, load(62.5))).isEqualTo(
                new ScalingDecision(8, 5, Map.of(LOAD, 5), Reason.SCALE_DOWN));
    }

    @Test
    void aNewAutoscalerDoesNotScaleDownBeforeItsScaleDownWindowHasPassed() {
        Autoscaler autoscaler = autoscaler(AutoscalerConfig.hpaDefaults(1, 100, LOAD_100));

        for (int second = 0; second < 300; second += 15) {
            assertThat(autoscaler.decide(10, load(50)).desired()).isEqualTo(10);
            clock.advance(Duration.ofSeconds(15));
        }
        assertThat(autoscaler.decide(10, load(50)).desired()).isEqualTo(5);
    }

    @Test
    void theScaleUpWindowAppliesTheLowestRecommendationInIt() {
        AutoscalerConfig hpa = AutoscalerConfig.hpaDefaults(1, 100, LOAD_100);
        Duration minute = Duration.ofSeconds(60);
        Autoscaler autoscaler = autoscaler(hpa.withScaleUp(hpa.scaleUp().withStabilizationWindow(minute)));

        assertThat(autoscaler.decide(10, load(200))).isEqualTo(
                new ScalingDecision(10, 10, Map.of(LOAD, 20), Reason.SCALE_UP_STABILIZED));
        clock.advance(Duration.ofSeconds(30));
        assertThat(autoscaler.decide(10, load(150)).desired()).isEqualTo(10);
        clock.advance(Duration.ofSeconds(30));
        assertThat(autoscaler.decide(10, load(200)).desired()).as("15 is still in the window").isEqualTo(15);
        clock.advance(Duration.ofSeconds(30));
        assertThat(autoscaler.decide(15, load(200)).desired()).as("the 20 of 30 s ago is the lowest").isEqualTo(20);
    }

    @Test
    void clampsToMaxReplicas() {
        ScalingDecision decision = autoscaler(AutoscalerConfig.hpaDefaults(1, 6, LOAD_100)).decide(4, load(200));

        assertThat(decision).isEqualTo(new ScalingDecision(4, 6, Map.of(LOAD, 8), Reason.CLAMPED_TO_MAX));
    }

    @Test
    void clampsToMinReplicas() {
        Autoscaler autoscaler = autoscaler(withoutScaleDownWindow(AutoscalerConfig.hpaDefaults(3, 10, LOAD_100)));

        ScalingDecision decision = autoscaler.decide(4, load(10));

        assertThat(decision).isEqualTo(new ScalingDecision(4, 3, Map.of(LOAD, 1), Reason.CLAMPED_TO_MIN));
        assertThat(autoscaler.decide(3, load(10)).reason()).isEqualTo(Reason.CLAMPED_TO_MIN);
    }

    @Test
    void bringsASizeOutsideTheRangeStraightToTheBound() {
        Autoscaler autoscaler = autoscaler(AutoscalerConfig.hpaDefaults(3, 10, LOAD_100));

        assertThat(autoscaler.decide(40, load(1000)))
                .isEqualTo(new ScalingDecision(40, 10, Map.of(), Reason.ABOVE_MAX));
        assertThat(autoscaler.decide(0, load(0))).isEqualTo(new ScalingDecision(0, 3, Map.of(), Reason.BELOW_MIN));
    }

    @Test
    void refusesANegativeSize() {
        Autoscaler autoscaler = autoscaler(AutoscalerConfig.hpaDefaults(1, 10, LOAD_100));

        assertThatThrownBy(() -> autoscaler.decide(-1, load(100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("currentReplicas");
    }
}
