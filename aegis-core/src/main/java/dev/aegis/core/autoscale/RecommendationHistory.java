package dev.aegis.core.autoscale;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The unstabilized recommendations of the last stabilization windows, and the stabilization itself (Kubernetes'
 * {@code stabilizeRecommendationWithBehaviors}): the result is the current count brought up to the lowest
 * recommendation of the scale-up window and down to the highest of the scale-down window. A recommendation
 * counts while it is younger than the window. Not thread-safe: the autoscaler guards it.
 */
final class RecommendationHistory {

    private record Recommendation(int replicas, long atNanos) {}

    private final Deque<Recommendation> recommendations = new ArrayDeque<>();
    private final long scaleUpWindowNanos;
    private final long scaleDownWindowNanos;
    private boolean seeded;

    RecommendationHistory(ScalingRules scaleUp, ScalingRules scaleDown) {
        scaleUpWindowNanos = scaleUp.stabilizationWindow().toNanos();
        scaleDownWindowNanos = scaleDown.stabilizationWindow().toNanos();
    }

    /** Records the size found at the first call as a recommendation, as Kubernetes does for a new autoscaler. */
    void seed(int current, long nowNanos) {
        if (!seeded) {
            recommendations.add(new Recommendation(current, nowNanos));
            seeded = true;
        }
    }

    /** The stabilized count for {@code desired}; {@code desired} is then recorded. */
    int stabilize(int current, int desired, long nowNanos) {
        int lowest = desired;
        int highest = desired;
        for (Recommendation recommendation : recommendations) {
            long age = nowNanos - recommendation.atNanos();
            lowest = age < scaleUpWindowNanos ? Math.min(lowest, recommendation.replicas()) : lowest;
            highest = age < scaleDownWindowNanos ? Math.max(highest, recommendation.replicas()) : highest;
        }
        record(desired, nowNanos);
        return Math.min(Math.max(current, lowest), highest);
    }

    /** Adds the recommendation and drops those that have left both windows: they can never count again. */
    private void record(int desired, long nowNanos) {
        long longest = Math.max(scaleUpWindowNanos, scaleDownWindowNanos);
        recommendations.removeIf(recommendation -> nowNanos - recommendation.atNanos() > longest);
        recommendations.add(new Recommendation(desired, nowNanos));
    }
}
