package dev.aegis.core.autoscale;

import dev.aegis.api.time.TimeSource;
import dev.aegis.core.autoscale.ScalingDecision.Reason;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides how many workers a pool runs, with the Kubernetes HorizontalPodAutoscaler v2 algorithm. The pool calls
 * {@link #decide} once per {@link AutoscalerConfig#syncPeriod()} with its size and its metric values, and runs
 * the size answered; the next call reports that size as current (scale events are recorded when decided, as
 * Kubernetes records them when it sets the scale).
 *
 * <p>Each decision: a size outside min/max goes straight to the bound; otherwise each available metric recommends
 * a size ({@link MetricTarget}), the highest wins, the stabilization windows smooth it, the policies limit its
 * rate and min/max bound it. Every change of size is logged at INFO and counted; a steady size logs nothing.
 * Thread-safe: calls are serialized.
 */
public final class Autoscaler {

    private static final Logger LOG = LoggerFactory.getLogger(Autoscaler.class);

    private final AutoscalerConfig config;
    private final TimeSource time;
    private final String pool;
    private final AutoscalerMeters meters;
    private final RecommendationHistory recommendations;
    private final ScaleEventHistory events;
    private volatile Optional<ScalingDecision> lastDecision = Optional.empty();

    /** An autoscaler named {@code default} whose meters go nowhere. */
    public Autoscaler(AutoscalerConfig config, TimeSource time) {
        this(config, time, new CompositeMeterRegistry(), "default");
    }

    /** An autoscaler whose meters are tagged {@code pool=<pool>}. */
    public Autoscaler(AutoscalerConfig config, TimeSource time, MeterRegistry meters, String pool) {
        this.config = Objects.requireNonNull(config, "config");
        this.time = Objects.requireNonNull(time, "time");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.meters = new AutoscalerMeters(pool, meters);
        recommendations = new RecommendationHistory(config.scaleUp(), config.scaleDown());
        events = new ScaleEventHistory(config.scaleUp(), config.scaleDown());
    }

    public AutoscalerConfig config() {
        return config;
    }

    /** The latest decision, empty before the first. */
    public Optional<ScalingDecision> lastDecision() {
        return lastDecision;
    }

    /**
     * The size the pool should run now.
     *
     * @param currentReplicas the pool's size, as last set
     * @param metricValues values by metric name; a configured metric that is absent (or not a number, infinite or
     *     negative) is unavailable this time, and names that are not configured are ignored
     */
    public synchronized ScalingDecision decide(int currentReplicas, Map<String, Double> metricValues) {
        Objects.requireNonNull(metricValues, "metricValues");
        if (currentReplicas < 0) {
            throw new IllegalArgumentException("currentReplicas must be >= 0, was " + currentReplicas);
        }
        long now = time.nanoTime();
        recommendations.seed(currentReplicas, now);
        ScalingDecision decision = outOfRange(currentReplicas)
                .orElseGet(() -> fromMetrics(currentReplicas, metricValues, now));
        record(decision, metricValues, now);
        return decision;
    }

    private Optional<ScalingDecision> outOfRange(int current) {
        if (current > config.maxReplicas()) {
            return Optional.of(new ScalingDecision(current, config.maxReplicas(), Map.of(), Reason.ABOVE_MAX));
        }
        if (current < config.minReplicas()) {
            return Optional.of(new ScalingDecision(current, config.minReplicas(), Map.of(), Reason.BELOW_MIN));
        }
        return Optional.empty();
    }

    private ScalingDecision fromMetrics(int current, Map<String, Double> values, long now) {
        Map<String, Integer> recommended = ReplicaCalculator.recommendations(config, current, values);
        if (recommended.isEmpty()) {
            return new ScalingDecision(current, current, recommended, Reason.NO_METRICS);
        }
        int highest = Collections.max(recommended.values());
        if (recommended.size() < config.metrics().size() && highest < current) {
            return new ScalingDecision(current, current, recommended, Reason.MISSING_METRICS);
        }
        int stabilized = recommendations.stabilize(current, highest, now);
        Step limited = limitRate(current, stabilized, now);
        Reason reason = limited.limiting().orElseGet(() -> unlimitedReason(current, highest, stabilized));
        return new ScalingDecision(current, limited.replicas(), recommended, reason);
    }

    /** A size after the policies and min/max, and the limit that set it, if one did. */
    private record Step(int replicas, Optional<Reason> limiting) {}

    private Step limitRate(int current, int desired, long now) {
        if (desired > current) {
            int rate = Math.max(events.scaleUpLimit(current, config.scaleUp(), now), current);
            boolean rateBinds = config.maxReplicas() > rate;
            return bound(desired, Math.min(desired, rateBinds ? rate : config.maxReplicas()),
                    rateBinds ? Reason.SCALE_UP_LIMITED : Reason.CLAMPED_TO_MAX);
        }
        if (desired < current) {
            int rate = Math.min(events.scaleDownLimit(current, config.scaleDown(), now), current);
            boolean rateBinds = config.minReplicas() < rate;
            return bound(desired, Math.max(desired, rateBinds ? rate : config.minReplicas()),
                    rateBinds ? Reason.SCALE_DOWN_LIMITED : Reason.CLAMPED_TO_MIN);
        }
        return new Step(desired, Optional.empty());
    }

    private static Step bound(int desired, int allowed, Reason limit) {
        return new Step(allowed, allowed == desired ? Optional.empty() : Optional.of(limit));
    }

    private static Reason unlimitedReason(int current, int highest, int stabilized) {
        if (stabilized != highest) {
            return highest > current ? Reason.SCALE_UP_STABILIZED : Reason.SCALE_DOWN_STABILIZED;
        }
        if (highest == current) {
            return Reason.WITHIN_TOLERANCE;
        }
        return highest > current ? Reason.SCALE_UP : Reason.SCALE_DOWN;
    }

    private void record(ScalingDecision decision, Map<String, Double> values, long now) {
        lastDecision = Optional.of(decision);
        meters.record(decision);
        if (decision.scales()) {
            events.record(decision.current(), decision.desired(), now);
            LOG.info("autoscaler {}: {} -> {} replicas ({}); metrics {}", pool, decision.current(),
                    decision.desired(), decision.reason().description(), new TreeMap<>(values));
        }
    }
}
