package dev.aegis.core.autoscale;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each metric's replica recommendation, as Kubernetes' replica calculator makes it: the current count while the
 * ratio is within tolerance, otherwise the ratio applied and rounded up. A value that is absent, not a number,
 * infinite or negative is unavailable, and that metric makes no recommendation.
 */
final class ReplicaCalculator {

    private ReplicaCalculator() {}

    /** Recommendations by metric name, in the configuration's order, for the metrics that have a value. */
    static Map<String, Integer> recommendations(AutoscalerConfig config, int current, Map<String, Double> values) {
        Map<String, Integer> recommendations = new LinkedHashMap<>();
        for (MetricTarget metric : config.metrics()) {
            Double value = values.get(metric.name());
            if (value != null && Double.isFinite(value) && value >= 0) {
                Tolerances tolerances = metric.tolerances(config.scaleUp(), config.scaleDown());
                recommendations.put(metric.name(), recommend(metric, tolerances, current, value));
            }
        }
        return recommendations;
    }

    private static int recommend(MetricTarget metric, Tolerances tolerances, int current, double value) {
        if (metric.type() == MetricTarget.Type.AVERAGE_VALUE) {
            double ratio = value / (metric.target() * current);
            return tolerances.isWithin(ratio) ? current : roundUp(value / metric.target());
        }
        double ratio = value / metric.target();
        return tolerances.isWithin(ratio) ? current : roundUp(ratio * current);
    }

    /** Rounds up; a result past the int range stops at {@link Integer#MAX_VALUE}, as Kubernetes' does. */
    private static int roundUp(double replicas) {
        return (int) Math.ceil(replicas);
    }
}
