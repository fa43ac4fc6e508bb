package dev.aegis.core.autoscale;

import static dev.aegis.core.autoscale.AutoscalerConfig.P95_MS;
import static dev.aegis.core.autoscale.AutoscalerConfig.QUEUE_DEPTH;
import static dev.aegis.core.autoscale.AutoscalerConfig.UTILIZATION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.core.autoscale.ScalingDecision.Reason;
import dev.aegis.testkit.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped default follows the seed 004 thresholds: up above, down below, each for its window. */
class AutoscalerDefaultsTest {

    private static final Duration SYNC = Duration.ofSeconds(15);

    private final ManualClock clock = new ManualClock();
    private final Autoscaler autoscaler = new Autoscaler(AutoscalerConfig.defaults(), clock);

    private static Map<String, Double> metrics(int workers, double queuedPerWorker, double utilization, double p95) {
        return Map.of(QUEUE_DEPTH, queuedPerWorker * workers, UTILIZATION, utilization, P95_MS, p95);
    }

    /** Calls every sync period for {@code duration}, checking the size holds, then once more at its end. */
    private ScalingDecision holdFor(Duration duration, int workers, Map<String, Double> metrics) {
        for (Duration waited = Duration.ZERO; waited.compareTo(duration) < 0; waited = waited.plus(SYNC)) {
            assertThat(autoscaler.decide(workers, metrics).desired()).as("after %s", waited).isEqualTo(workers);
            clock.advance(SYNC);
        }
        return autoscaler.decide(workers, metrics);
    }

    @Test
    void isTenToFiftyWorkersSyncedEvery15Seconds() {
        AutoscalerConfig config = AutoscalerConfig.defaults();

        assertThat(config.minReplicas()).isEqualTo(10);
        assertThat(config.maxReplicas()).isEqualTo(50);
        assertThat(config.syncPeriod()).isEqualTo(SYNC);
        assertThat(config.metrics()).extracting(MetricTarget::name).containsExactly(QUEUE_DEPTH, UTILIZATION, P95_MS);
        assertThat(config.scaleUp().stabilizationWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.scaleDown().stabilizationWindow()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void keepsTheSizeBetweenTheScaleDownAndScaleUpThresholds() {
        ScalingDecision decision = autoscaler.decide(20, metrics(20, 50, 50, 300));

        assertThat(decision).isEqualTo(new ScalingDecision(20, 20,
                Map.of(QUEUE_DEPTH, 20, UTILIZATION, 20, P95_MS, 20), Reason.WITHIN_TOLERANCE));
    }

    @Test
    void eachMetricRecommendsLessOnlyBelowItsScaleDownThreshold() {
        assertThat(autoscaler.decide(20, metrics(20, 10, 30, 100)).recommendations())
                .containsExactlyInAnyOrderEntriesOf(Map.of(QUEUE_DEPTH, 20, UTILIZATION, 20, P95_MS, 20));
        assertThat(autoscaler.decide(20, metrics(20, 9, 29, 99)).recommendations())
                .containsExactlyInAnyOrderEntriesOf(Map.of(QUEUE_DEPTH, 2, UTILIZATION, 9, P95_MS, 4));
    }

    @Test
    void eachMetricRecommendsMoreAsSoonAsItPassesItsTarget() {
        assertThat(autoscaler.decide(20, metrics(20, 100, 70, 500)).reason()).isEqualTo(Reason.WITHIN_TOLERANCE);
        assertThat(autoscaler.decide(20, metrics(20, 101, 71, 501)).recommendations())
                .containsExactlyInAnyOrderEntriesOf(Map.of(QUEUE_DEPTH, 21, UTILIZATION, 21, P95_MS, 21));
    }

    @Test
    void scalesDownTenPercentOnceTheLoadHasBeenLowForTenMinutes() {
        Map<String, Double> idle = metrics(20, 5, 20, 50);

        ScalingDecision decision = holdFor(Duration.ofMinutes(10), 20, idle);

        assertThat(decision).isEqualTo(new ScalingDecision(20, 18,
                Map.of(QUEUE_DEPTH, 1, UTILIZATION, 6, P95_MS, 2), Reason.SCALE_DOWN_LIMITED));
    }

    @Test
    void scalesUpHalfAgainEachMinuteOnceTheQueueHasBeenDeepForFiveMinutes() {
        ScalingDecision decision = holdFor(Duration.ofMinutes(5), 10, metrics(10, 150, 70, 500));

        assertThat(decision).isEqualTo(new ScalingDecision(10, 15,
                Map.of(QUEUE_DEPTH, 15, UTILIZATION, 10, P95_MS, 10), Reason.SCALE_UP));
        Map<String, Double> deep = Map.of(QUEUE_DEPTH, 6000.0, UTILIZATION, 100.0, P95_MS, 500.0);
        clock.advance(SYNC);
        assertThat(holdFor(Duration.ofSeconds(285), 15, deep).desired())
                .as("five minutes after the last recommendation of 15").isEqualTo(23);
        clock.advance(Duration.ofMinutes(1));
        assertThat(autoscaler.decide(23, deep).desired()).isEqualTo(35);
        clock.advance(Duration.ofMinutes(1));
        assertThat(autoscaler.decide(35, deep)).extracting(ScalingDecision::desired, ScalingDecision::reason)
                .containsExactly(50, Reason.CLAMPED_TO_MAX);
    }

    @Test
    void aShortSpikeDoesNotScaleUp() {
        holdFor(Duration.ofMinutes(4), 10, metrics(10, 500, 100, 900));

        assertThat(holdFor(Duration.ofMinutes(2), 10, metrics(10, 50, 50, 200)).desired()).isEqualTo(10);
    }
}
