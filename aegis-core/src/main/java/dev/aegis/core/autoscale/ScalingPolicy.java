package dev.aegis.core.autoscale;

import java.time.Duration;
import java.util.Objects;

/**
 * How much one direction may change in any {@code period}: {@link Type#PODS} a number of replicas,
 * {@link Type#PERCENT} a percentage of the replicas at the start of the period (Kubernetes' HPAScalingPolicy).
 *
 * @param value the replicas or the percentage, at least 1
 * @param period the sliding window the policy holds over, longer than zero and at most 30 minutes
 */
public record ScalingPolicy(Type type, int value, Duration period) {

    /** The longest period Kubernetes accepts. */
    public static final Duration LONGEST_PERIOD = Duration.ofMinutes(30);

    /** What {@link #value()} counts. */
    public enum Type { PODS, PERCENT }

    public ScalingPolicy {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(period, "period");
        Checks.require(value > 0, "policy value must be > 0, was " + value);
        Checks.require(period.isPositive() && period.compareTo(LONGEST_PERIOD) <= 0,
                "policy period must be longer than 0s and at most " + LONGEST_PERIOD + ", was " + period);
    }

    /** At most {@code count} replicas added or removed per {@code period}. */
    public static ScalingPolicy pods(int count, Duration period) {
        return new ScalingPolicy(Type.PODS, count, period);
    }

    /** At most {@code percent} % of the replicas at the start of the period added or removed per {@code period}. */
    public static ScalingPolicy percent(int percent, Duration period) {
        return new ScalingPolicy(Type.PERCENT, percent, period);
    }

    /** The most replicas this policy allows, rounding up as Kubernetes does so that a small pool still grows. */
    int scaleUpLimit(int periodStart) {
        return type == Type.PODS ? periodStart + value : (int) Math.ceil(periodStart * (1 + value / 100.0));
    }

    /** The fewest replicas this policy allows; the percentage truncates as Kubernetes' int32 conversion does. */
    int scaleDownLimit(int periodStart) {
        return type == Type.PODS ? periodStart - value : (int) (periodStart * (1 - value / 100.0));
    }
}
