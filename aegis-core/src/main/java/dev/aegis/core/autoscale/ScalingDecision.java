package dev.aegis.core.autoscale;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@link Autoscaler#decide} call answered.
 *
 * @param current the replica count the pool reported
 * @param desired the replica count the pool should run now
 * @param recommendations each available metric's own recommendation, before stabilization, policies and
 *     min/max; empty when no metric was consulted
 * @param reason why {@code desired} is what it is
 */
public record ScalingDecision(int current, int desired, Map<String, Integer> recommendations, Reason reason) {

    /** Why a decision came out as it did; {@link #description()} is the text logs show. */
    public enum Reason {
        SCALE_UP("metrics above target"),
        SCALE_DOWN("all metrics below target"),
        WITHIN_TOLERANCE("metrics within tolerance"),
        NO_METRICS("no metric available, keeping the current size"),
        MISSING_METRICS("a metric is missing and the others suggest scaling down, keeping the current size"),
        SCALE_UP_STABILIZED("stabilized: a lower recommendation is inside the scale-up window"),
        SCALE_DOWN_STABILIZED("stabilized: a higher recommendation is inside the scale-down window"),
        SCALE_UP_LIMITED("scale up limited by policy"),
        SCALE_DOWN_LIMITED("scale down limited by policy"),
        CLAMPED_TO_MAX("clamped to max_replicas"),
        CLAMPED_TO_MIN("clamped to min_replicas"),
        ABOVE_MAX("current size above max_replicas"),
        BELOW_MIN("current size below min_replicas");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public ScalingDecision {
        Objects.requireNonNull(reason, "reason");
        recommendations = Collections.unmodifiableMap(new LinkedHashMap<>(recommendations));
    }

    /** Whether the pool should change its size. */
    public boolean scales() {
        return desired != current;
    }
}
