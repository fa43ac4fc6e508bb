package dev.aegis.core.autoscale;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.IntStream;

/**
 * The scale events of the longest policy period and the rate limits they leave (Kubernetes'
 * {@code calculateScaleUpLimitWithScalingRules} and {@code calculateScaleDownLimitWithBehaviors}): each policy
 * starts from the count at the start of its period, the current count less what was added in the period plus
 * what was removed. An event counts while it is younger than the period. Not thread-safe: the autoscaler
 * guards it.
 */
final class ScaleEventHistory {

    /** A change of the replica count: positive up, negative down. */
    private record ScaleEvent(int change, long atNanos) {}

    private final Deque<ScaleEvent> events = new ArrayDeque<>();
    private final long keepNanos;

    ScaleEventHistory(ScalingRules scaleUp, ScalingRules scaleDown) {
        Duration up = scaleUp.longestPeriod();
        Duration down = scaleDown.longestPeriod();
        keepNanos = (up.compareTo(down) >= 0 ? up : down).toNanos();
    }

    void record(int from, int to, long nowNanos) {
        events.removeIf(event -> nowNanos - event.atNanos() >= keepNanos);
        events.add(new ScaleEvent(to - from, nowNanos));
    }

    /** The most replicas the scale-up policies allow now; Max picks the policy allowing the most. */
    int scaleUpLimit(int current, ScalingRules rules, long nowNanos) {
        if (rules.selectPolicy() == ScalingRules.SelectPolicy.DISABLED) {
            return current;
        }
        IntStream limits = rules.policies().stream()
                .mapToInt(policy -> policy.scaleUpLimit(periodStart(current, policy.period(), nowNanos)));
        return (rules.selectPolicy() == ScalingRules.SelectPolicy.MIN ? limits.min() : limits.max()).orElseThrow();
    }

    /** The fewest replicas the scale-down policies allow now; Max picks the policy allowing the most removed. */
    int scaleDownLimit(int current, ScalingRules rules, long nowNanos) {
        if (rules.selectPolicy() == ScalingRules.SelectPolicy.DISABLED) {
            return current;
        }
        IntStream limits = rules.policies().stream()
                .mapToInt(policy -> policy.scaleDownLimit(periodStart(current, policy.period(), nowNanos)));
        return (rules.selectPolicy() == ScalingRules.SelectPolicy.MIN ? limits.max() : limits.min()).orElseThrow();
    }

    private int periodStart(int current, Duration period, long nowNanos) {
        long periodNanos = period.toNanos();
        int start = current;
        for (ScaleEvent event : events) {
            start -= nowNanos - event.atNanos() < periodNanos ? event.change() : 0;
        }
        return start;
    }
}
