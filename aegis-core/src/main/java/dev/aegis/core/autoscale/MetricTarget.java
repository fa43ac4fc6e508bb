package dev.aegis.core.autoscale;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One metric the autoscaler follows and the value it steers towards (Kubernetes' MetricSpec target).
 *
 * <ul>
 *   <li>{@link Type#UTILIZATION}: the pool reports a percentage of capacity averaged over the workers (busy
 *       workers / workers × 100); {@code desired = ceil(current × value / target)}.
 *   <li>{@link Type#AVERAGE_VALUE}: the pool reports a total (the ready queue depth) and {@code target} is per
 *       replica; {@code desired = ceil(value / target)}, its ratio {@code value / (target × current)}.
 *   <li>{@link Type#VALUE}: the pool reports a value compared as is (p95 run time);
 *       {@code desired = ceil(current × value / target)}.
 * </ul>
 *
 * @param scaleUpTolerance this metric's own scale-up tolerance; empty takes {@link ScalingRules#tolerance()}
 * @param scaleDownTolerance this metric's own scale-down tolerance; empty takes the scale-down rules' one
 */
public record MetricTarget(
        String name, Type type, double target, OptionalDouble scaleUpTolerance, OptionalDouble scaleDownTolerance) {

    /** How the metric's value compares with its target. */
    public enum Type { UTILIZATION, AVERAGE_VALUE, VALUE }

    public MetricTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(scaleUpTolerance, "scaleUpTolerance");
        Objects.requireNonNull(scaleDownTolerance, "scaleDownTolerance");
        Checks.require(!name.isBlank(), "metrics[].name must not be blank");
        Checks.require(Double.isFinite(target) && target > 0,
                "metric '" + name + "': target must be a number > 0, was " + target);
        String where = "metric '" + name + "': ";
        scaleUpTolerance.ifPresent(value -> Checks.requireTolerance(value, where + "scale_up_tolerance"));
        scaleDownTolerance.ifPresent(value -> Checks.requireTolerance(value, where + "scale_down_tolerance"));
    }

    /** A percentage of capacity, averaged over the replicas, steered towards {@code percent}. */
    public static MetricTarget utilization(String name, double percent) {
        return new MetricTarget(name, Type.UTILIZATION, percent, OptionalDouble.empty(), OptionalDouble.empty());
    }

    /** A total steered towards {@code perReplica} for each replica. */
    public static MetricTarget averageValue(String name, double perReplica) {
        return new MetricTarget(name, Type.AVERAGE_VALUE, perReplica, OptionalDouble.empty(), OptionalDouble.empty());
    }

    /** A value steered towards {@code target} as is. */
    public static MetricTarget value(String name, double target) {
        return new MetricTarget(name, Type.VALUE, target, OptionalDouble.empty(), OptionalDouble.empty());
    }

    /** The same target with its own tolerances, overriding the scaling rules' ones. */
    public MetricTarget withTolerances(double scaleUp, double scaleDown) {
        return new MetricTarget(name, type, target, OptionalDouble.of(scaleUp), OptionalDouble.of(scaleDown));
    }

    /** This metric's tolerances: its own where set, else the rules' of each direction. */
    Tolerances tolerances(ScalingRules scaleUp, ScalingRules scaleDown) {
        return new Tolerances(scaleUpTolerance.orElse(scaleUp.tolerance()),
                scaleDownTolerance.orElse(scaleDown.tolerance()));
    }
}
