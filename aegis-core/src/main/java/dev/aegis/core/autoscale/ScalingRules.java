package dev.aegis.core.autoscale;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The behaviour of one direction, scale up or scale down (Kubernetes' HPAScalingRules).
 *
 * @param stabilizationWindow how far back recommendations count: scale up applies the lowest recommendation
 *     in the window, scale down the highest; 0 to 1 hour
 * @param tolerance how far the metric/target ratio may move from 1.0 in this direction before it recommends a
 *     change (0.1 means 10 %); a {@link MetricTarget} may override it for itself
 * @param policies the rate limits, at least one unless {@code selectPolicy} is {@link SelectPolicy#DISABLED}
 * @param selectPolicy which policy wins when several apply
 */
public record ScalingRules(
        Duration stabilizationWindow, double tolerance, List<ScalingPolicy> policies, SelectPolicy selectPolicy) {

    /** Kubernetes' cluster-wide default tolerance. */
    public static final double DEFAULT_TOLERANCE = 0.1;
    /** The longest stabilization window Kubernetes accepts. */
    public static final Duration LONGEST_WINDOW = Duration.ofHours(1);

    private static final Duration FIFTEEN_SECONDS = Duration.ofSeconds(15);

    /** Which policy applies: the one allowing the biggest change, the smallest, or none (no scaling this way). */
    public enum SelectPolicy { MAX, MIN, DISABLED }

    public ScalingRules {
        Objects.requireNonNull(stabilizationWindow, "stabilizationWindow");
        Objects.requireNonNull(selectPolicy, "selectPolicy");
        policies = List.copyOf(policies);
        Checks.requireWithin(stabilizationWindow, Duration.ZERO, LONGEST_WINDOW, "stabilization_window");
        Checks.requireTolerance(tolerance, "tolerance");
        Checks.require(!policies.isEmpty() || selectPolicy == SelectPolicy.DISABLED,
                "policies must hold at least one policy unless select_policy is Disabled");
    }

    /** Kubernetes' default scale up: no window; add 100 % or 4 replicas per 15 s, whichever is more. */
    public static ScalingRules hpaDefaultScaleUp() {
        return new ScalingRules(Duration.ZERO, DEFAULT_TOLERANCE,
                List.of(ScalingPolicy.percent(100, FIFTEEN_SECONDS), ScalingPolicy.pods(4, FIFTEEN_SECONDS)),
                SelectPolicy.MAX);
    }

    /** Kubernetes' default scale down: a 300 s window, then down to the minimum at once (100 % per 15 s). */
    public static ScalingRules hpaDefaultScaleDown() {
        return new ScalingRules(Duration.ofSeconds(300), DEFAULT_TOLERANCE,
                List.of(ScalingPolicy.percent(100, FIFTEEN_SECONDS)), SelectPolicy.MAX);
    }

    /** No scaling in this direction, as Kubernetes' {@code selectPolicy: Disabled}. */
    public static ScalingRules disabled() {
        return new ScalingRules(Duration.ZERO, DEFAULT_TOLERANCE, List.of(), SelectPolicy.DISABLED);
    }

    /** The same rules with another stabilization window. */
    public ScalingRules withStabilizationWindow(Duration value) {
        return new ScalingRules(value, tolerance, policies, selectPolicy);
    }

    /** The same rules with another tolerance. */
    public ScalingRules withTolerance(double value) {
        return new ScalingRules(stabilizationWindow, value, policies, selectPolicy);
    }

    /** The same rules with other policies and policy selection. */
    public ScalingRules withPolicies(SelectPolicy select, ScalingPolicy... values) {
        return new ScalingRules(stabilizationWindow, tolerance, List.of(values), select);
    }

    /** The longest policy period, zero when there is none. */
    Duration longestPeriod() {
        return policies.stream().map(ScalingPolicy::period).max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
