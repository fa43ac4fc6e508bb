package dev.aegis.core.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.core.autoscale.ScalingRules.SelectPolicy;
import dev.aegis.core.config.ConfigException;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Bad configuration fails when built, and the message names the key. */
class AutoscalerConfigTest {

    private static final MetricTarget LOAD = MetricTarget.value("load", 100);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static AbstractThrowableAssert<?, ? extends Throwable> rejects(ThrowingCallable build, String message) {
        return assertThatThrownBy(build).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    private static AutoscalerConfig config(int min, int max, Duration sync, List<MetricTarget> metrics) {
        return new AutoscalerConfig(min, max, sync, metrics, ScalingRules.hpaDefaultScaleUp(),
                ScalingRules.hpaDefaultScaleDown());
    }

    @Test
    void refusesAReplicaRangeThatCannotRun() {
        rejects(() -> AutoscalerConfig.hpaDefaults(0, 10, LOAD), "min_replicas must be at least 1, was 0");
        rejects(() -> AutoscalerConfig.hpaDefaults(5, 4, LOAD), "max_replicas (4) must be at least min_replicas (5)");
    }

    @Test
    void refusesAMissingSyncPeriodOrMetric() {
        rejects(() -> config(1, 2, Duration.ZERO, List.of(LOAD)), "sync_period must be longer than 0s");
        rejects(() -> AutoscalerConfig.hpaDefaults(1, 2), "metrics must hold at least one metric");
        rejects(() -> AutoscalerConfig.hpaDefaults(1, 2, LOAD, MetricTarget.utilization("load", 50)),
                "'load' is listed twice");
    }

    @Test
    void refusesATargetThatIsNotAPositiveNumber() {
        rejects(() -> MetricTarget.value("p95", 0), "metric 'p95': target must be a number > 0, was 0.0");
        rejects(() -> MetricTarget.utilization("busy", Double.NaN), "metric 'busy': target");
        rejects(() -> MetricTarget.averageValue(" ", 10), "metrics[].name must not be blank");
        rejects(() -> LOAD.withTolerances(-0.1, 0.1), "metric 'load': scale_up_tolerance must be a number >= 0");
    }

    @Test
    void refusesRulesKubernetesWouldRefuse() {
        ScalingRules rules = ScalingRules.hpaDefaultScaleDown();

        rejects(() -> rules.withStabilizationWindow(Duration.ofMinutes(61)), "stabilization_window must be within");
        rejects(() -> rules.withStabilizationWindow(Duration.ofSeconds(-1)), "stabilization_window");
        rejects(() -> rules.withTolerance(-1), "tolerance must be a number >= 0, was -1.0");
        rejects(() -> rules.withPolicies(SelectPolicy.MAX), "policies must hold at least one policy");
        rejects(() -> ScalingPolicy.pods(0, MINUTE), "policy value must be > 0, was 0");
        rejects(() -> ScalingPolicy.percent(10, Duration.ZERO), "policy period must be longer than 0s");
        rejects(() -> ScalingPolicy.percent(10, Duration.ofMinutes(31)), "and at most PT30M");
    }

    @Test
    void acceptsDisabledRulesWithoutPolicies() {
        assertThat(ScalingRules.hpaDefaultScaleUp().withPolicies(SelectPolicy.DISABLED).policies()).isEmpty();
    }

    @Test
    void kubernetesDefaultBehaviourIsTheDocumentedOne() {
        AutoscalerConfig config = AutoscalerConfig.hpaDefaults(1, 10, LOAD);
        Duration fifteenSeconds = Duration.ofSeconds(15);

        assertThat(config.syncPeriod()).isEqualTo(fifteenSeconds);
        assertThat(config.scaleUp()).isEqualTo(new ScalingRules(Duration.ZERO, 0.1,
                List.of(ScalingPolicy.percent(100, fifteenSeconds), ScalingPolicy.pods(4, fifteenSeconds)),
                SelectPolicy.MAX));
        assertThat(config.scaleDown()).isEqualTo(new ScalingRules(Duration.ofMinutes(5), 0.1,
                List.of(ScalingPolicy.percent(100, fifteenSeconds)), SelectPolicy.MAX));
    }
}
