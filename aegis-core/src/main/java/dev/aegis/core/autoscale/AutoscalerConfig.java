package dev.aegis.core.autoscale;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An autoscaler's configuration ({@code tasks.autoscaler.*}): the replica range, how often the pool should ask,
 * the metrics and each direction's behaviour. Checked when built; a bad value throws
 * {@link dev.aegis.core.config.ConfigException} naming the key.
 *
 * @param syncPeriod how often the pool should call {@link Autoscaler#decide}, Kubernetes' 15 s by default
 */
public record AutoscalerConfig(
        int minReplicas,
        int maxReplicas,
        Duration syncPeriod,
        List<MetricTarget> metrics,
        ScalingRules scaleUp,
        ScalingRules scaleDown) {

    /** Ready tasks waiting in the queue, in total, not per worker: an {@code AverageValue} metric. */
    public static final String QUEUE_DEPTH = "queue_depth";
    /** Busy workers / workers × 100, averaged over the sync period. */
    public static final String UTILIZATION = "utilization";
    /** The 95th percentile of task run time over the sync period, in milliseconds. */
    public static final String P95_MS = "p95_ms";
    /** Kubernetes' {@code --horizontal-pod-autoscaler-sync-period} default. */
    public static final Duration DEFAULT_SYNC_PERIOD = Duration.ofSeconds(15);

    private static final Duration ONE_MINUTE = Duration.ofMinutes(1);

    public AutoscalerConfig {
        Objects.requireNonNull(syncPeriod, "syncPeriod");
        Objects.requireNonNull(scaleUp, "scaleUp");
        Objects.requireNonNull(scaleDown, "scaleDown");
        metrics = List.copyOf(metrics);
        Checks.require(minReplicas >= 1, "min_replicas must be at least 1, was " + minReplicas);
        Checks.require(maxReplicas >= minReplicas,
                "max_replicas (" + maxReplicas + ") must be at least min_replicas (" + minReplicas + ")");
        Checks.require(syncPeriod.isPositive(), "sync_period must be longer than 0s, was " + syncPeriod);
        Checks.require(!metrics.isEmpty(), "metrics must hold at least one metric");
        Set<String> names = new HashSet<>();
        metrics.forEach(metric -> Checks.require(names.add(metric.name()),
                "metrics: '" + metric.name() + "' is listed twice"));
    }

    /**
     * The shipped worker-pool default (seed 004): 10 to 50 workers; queue depth 100 per worker (up above 100, down
     * below 10), utilization 70 % (down below 30 %), p95 run time 500 ms (down below 100 ms); a scale up must be
     * asked for 5 minutes and adds at most 50 % a minute, a scale down for 10 minutes and removes at most 10 % a
     * minute. docs/autoscaling.md explains each number.
     */
    public static AutoscalerConfig defaults() {
        List<MetricTarget> metrics = List.of(
                MetricTarget.averageValue(QUEUE_DEPTH, 100),
                MetricTarget.utilization(UTILIZATION, 70).withTolerances(0, 0.5715),
                MetricTarget.value(P95_MS, 500).withTolerances(0, 0.8));
        ScalingRules scaleUp = new ScalingRules(Duration.ofMinutes(5), 0,
                List.of(ScalingPolicy.percent(50, ONE_MINUTE)), ScalingRules.SelectPolicy.MAX);
        ScalingRules scaleDown = new ScalingRules(Duration.ofMinutes(10), 0.9,
                List.of(ScalingPolicy.percent(10, ONE_MINUTE)), ScalingRules.SelectPolicy.MAX);
        return new AutoscalerConfig(10, 50, DEFAULT_SYNC_PERIOD, metrics, scaleUp, scaleDown);
    }

    /** Kubernetes' default behaviour ({@link ScalingRules#hpaDefaultScaleUp()} and scale down) for these metrics. */
    public static AutoscalerConfig hpaDefaults(int minReplicas, int maxReplicas, MetricTarget... metrics) {
        return new AutoscalerConfig(minReplicas, maxReplicas, DEFAULT_SYNC_PERIOD, List.of(metrics),
                ScalingRules.hpaDefaultScaleUp(), ScalingRules.hpaDefaultScaleDown());
    }

    public AutoscalerConfig withScaleUp(ScalingRules value) {
        return new AutoscalerConfig(minReplicas, maxReplicas, syncPeriod, metrics, value, scaleDown);
    }

    public AutoscalerConfig withScaleDown(ScalingRules value) {
        return new AutoscalerConfig(minReplicas, maxReplicas, syncPeriod, metrics, scaleUp, value);
    }
}
