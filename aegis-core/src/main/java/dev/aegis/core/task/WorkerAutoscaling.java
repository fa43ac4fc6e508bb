package dev.aegis.core.task;

import dev.aegis.api.task.TaskQueue;
import dev.aegis.core.autoscale.Autoscaler;
import dev.aegis.core.autoscale.AutoscalerConfig;
import dev.aegis.core.autoscale.ScalingDecision;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the autoscaler and applies its decisions to the worker pool. Every second it samples how many workers are
 * busy; every sync period it asks the autoscaler with the ready queue depth, the utilisation averaged over the
 * samples, and the recent p95 run time, and resizes the pool to the answer.
 */
final class WorkerAutoscaling {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerAutoscaling.class);
    private static final long SAMPLE_MILLIS = 1_000;

    private final Autoscaler autoscaler;
    private final TaskWorkers workers;
    private final TaskQueue queue;
    private final TaskMeters meters;
    private long busySamples;
    private long sizeSamples;

    WorkerAutoscaling(Autoscaler autoscaler, TaskWorkers workers, TaskQueue queue, TaskMeters meters) {
        this.autoscaler = autoscaler;
        this.workers = workers;
        this.queue = queue;
        this.meters = meters;
    }

    void start() {
        AutoscalerConfig config = autoscaler.config();
        workers.resize(config.minReplicas());
        workers.timer().scheduleAtFixedRate(this::sample, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        long period = config.syncPeriod().toMillis();
        workers.timer().scheduleAtFixedRate(this::scale, period, period, TimeUnit.MILLISECONDS);
    }

    private synchronized void sample() {
        busySamples += workers.busy();
        sizeSamples += workers.size();
    }

    private void scale() {
        try {
            ScalingDecision decision = autoscaler.decide(workers.size(), metrics());
            if (decision.desired() != workers.size()) {
                workers.resize(decision.desired());
            }
        } catch (RuntimeException e) {
            LOG.warn("autoscaling step failed; the pool keeps its size", e);
        }
    }

    private synchronized Map<String, Double> metrics() {
        Map<String, Double> values = new HashMap<>();
        values.put(AutoscalerConfig.QUEUE_DEPTH,
                (double) queue.readyDepth().values().stream().mapToInt(Integer::intValue).sum());
        if (sizeSamples > 0) {
            values.put(AutoscalerConfig.UTILIZATION, 100.0 * busySamples / sizeSamples);
        }
        meters.recentP95Millis().ifPresent(p95 -> values.put(AutoscalerConfig.P95_MS, p95));
        busySamples = 0;
        sizeSamples = 0;
        return values;
    }
}
