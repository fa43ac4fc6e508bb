package dev.aegis.core.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.core.autoscale.ScalingDecision.Reason;
import dev.aegis.core.autoscale.ScalingRules.SelectPolicy;
import dev.aegis.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rate policies and their selection, on the examples of the HPA documentation. */
class ScalingPoliciesTest {

    private static final String BACKLOG = "backlog";
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration SYNC = Duration.ofSeconds(15);

    private final ManualClock clock = new ManualClock();

    /** A backlog of {@code total} with a target of 1 per replica recommends {@code total} replicas at any size. */
    private static Map<String, Double> recommending(int total) {
        return Map.of(BACKLOG, (double) total);
    }

    private static AutoscalerConfig config(int min, int max) {
        return AutoscalerConfig.hpaDefaults(min, max, MetricTarget.averageValue(BACKLOG, 1));
    }

    private Autoscaler scalingDown(SelectPolicy select, ScalingPolicy... policies) {
        ScalingRules scaleDown = ScalingRules.hpaDefaultScaleDown()
                .withStabilizationWindow(Duration.ZERO).withPolicies(select, policies);
        return new Autoscaler(config(1, 100).withScaleDown(scaleDown), clock);
    }

    private Autoscaler scalingUp(SelectPolicy select, ScalingPolicy... policies) {
        ScalingRules scaleUp = ScalingRules.hpaDefaultScaleUp().withPolicies(select, policies);
        return new Autoscaler(config(1, 100).withScaleUp(scaleUp), clock);
    }

    @Test
    void theDocumentedScaleDownFrom80To10RemovesTenPercentAMinuteAbove40AndFourBelow() {
        Autoscaler autoscaler = scalingDown(SelectPolicy.MAX, ScalingPolicy.pods(4, MINUTE),
                ScalingPolicy.percent(10, MINUTE));
        List<Integer> sizes = new ArrayList<>(List.of(80));

        while (sizes.get(sizes.size() - 1) > 10) {
            sizes.add(autoscaler.decide(sizes.get(sizes.size() - 1), recommending(10)).desired());
            clock.advance(MINUTE);
        }

        assertThat(sizes).containsExactly(80, 72, 64, 57, 51, 45, 40, 36, 32, 28, 24, 20, 16, 12, 10);
    }

    @Test
    void aPolicyHoldsForItsWholePeriod() {
        Autoscaler autoscaler = scalingDown(SelectPolicy.MAX, ScalingPolicy.pods(4, MINUTE),
                ScalingPolicy.percent(10, MINUTE));

        assertThat(autoscaler.decide(80, recommending(10)).desired()).isEqualTo(72);
        for (int sync = 1; sync < 4; sync++) {
            clock.advance(SYNC);
            assertThat(autoscaler.decide(72, recommending(10)))
                    .isEqualTo(new ScalingDecision(72, 72, Map.of(BACKLOG, 10), Reason.SCALE_DOWN_LIMITED));
        }
        clock.advance(SYNC);
        assertThat(autoscaler.decide(72, recommending(10)).desired()).isEqualTo(64);
    }

    @Test
    void selectPolicyMinPicksThePolicyAllowingTheSmallestChange() {
        Autoscaler autoscaler = scalingDown(SelectPolicy.MIN, ScalingPolicy.percent(10, MINUTE),
                ScalingPolicy.pods(5, MINUTE));

        assertThat(autoscaler.decide(80, recommending(10)).desired()).isEqualTo(75);
        clock.advance(MINUTE);
        assertThat(autoscaler.decide(20, recommending(10)).desired()).isEqualTo(18);
    }

    @Test
    void selectPolicyMaxAndMinPickTheBiggestAndSmallestScaleUp() {
        ScalingPolicy[] policies = {ScalingPolicy.percent(100, SYNC), ScalingPolicy.pods(4, SYNC)};

        assertThat(scalingUp(SelectPolicy.MAX, policies).decide(10, recommending(50)).desired()).isEqualTo(20);
        assertThat(scalingUp(SelectPolicy.MIN, policies).decide(10, recommending(50)).desired()).isEqualTo(14);
    }

    @Test
    void disabledBlocksThatDirectionOnly() {
        AutoscalerConfig config = config(1, 100).withScaleDown(ScalingRules.disabled());
        Autoscaler autoscaler = new Autoscaler(config, clock);

        assertThat(autoscaler.decide(10, recommending(2)))
                .isEqualTo(new ScalingDecision(10, 10, Map.of(BACKLOG, 2), Reason.SCALE_DOWN_LIMITED));
        assertThat(autoscaler.decide(10, recommending(12)).desired()).isEqualTo(12);
        assertThat(new Autoscaler(config(1, 100).withScaleUp(ScalingRules.disabled()), clock)
                .decide(10, recommending(20)).desired()).isEqualTo(10);
    }

    @Test
    void aPercentScaleUpRoundsUpSoThatASmallPoolStillGrows() {
        Autoscaler autoscaler = scalingUp(SelectPolicy.MAX, ScalingPolicy.percent(10, MINUTE));

        assertThat(autoscaler.decide(1, recommending(5)).desired()).isEqualTo(2);
        clock.advance(MINUTE);
        assertThat(autoscaler.decide(3, recommending(5)).desired()).isEqualTo(4);
    }

    @Test
    void aPolicyCountsFromTheSizeAtTheStartOfItsPeriod() {
        Autoscaler autoscaler = scalingUp(SelectPolicy.MAX, ScalingPolicy.pods(4, MINUTE));

        assertThat(autoscaler.decide(10, recommending(30)).desired()).isEqualTo(14);
        clock.advance(Duration.ofSeconds(30));
        assertThat(autoscaler.decide(14, recommending(30)).desired()).as("started the minute at 10").isEqualTo(14);
        clock.advance(Duration.ofSeconds(30));
        assertThat(autoscaler.decide(14, recommending(30)).desired()).isEqualTo(18);
    }

    @Test
    void theShortestPolicyPeriodFreesItsPolicyFirst() {
        Autoscaler autoscaler = scalingUp(SelectPolicy.MAX, ScalingPolicy.pods(2, SYNC),
                ScalingPolicy.pods(5, Duration.ofMinutes(10)));

        assertThat(autoscaler.decide(10, recommending(40)).desired()).isEqualTo(15);
        clock.advance(SYNC);
        assertThat(autoscaler.decide(15, recommending(40)).desired()).isEqualTo(17);
        clock.advance(SYNC);
        assertThat(autoscaler.decide(17, recommending(40)).desired()).isEqualTo(19);
    }
}
