package dev.aegis.server.loadtest;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The result of a run's measured phase. Latencies count from each request's intended send time; {@code measured}
 * spans from the first end of a measured request to the last, plus one arrival interval: n requests answered on
 * schedule span exactly n intervals, and answers that trail behind the schedule stretch it, so
 * {@link #throughput()} is what the server really sustained. Its precision is about the difference between the
 * latencies of the first and the last request over the span (a millisecond over ten seconds), so the throughput
 * checks pass within {@link #THROUGHPUT_TOLERANCE} of their target: a server that keeps up with an offered rate
 * equal to the target passes.
 *
 * @param firstIoError the first connection failure seen, to say why I/O errors happened
 * @param tasks in task mode, how fast the node completed the accepted tasks; the checks are the same in both modes
 */
public record LoadTestReport(LoadTestPlan plan, RequestCounts requests, Latencies latency,
        Map<Integer, Long> statusCodes, Duration measured, Optional<String> firstIoError,
        Optional<TaskCompletion> tasks) {

    /** Throughput checks pass within this fraction of their target: 0.1 %. */
    public static final double THROUGHPUT_TOLERANCE = 0.001;
    private static final double MICROS_PER_MILLI = 1_000d;
    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    public LoadTestReport {
        statusCodes = Collections.unmodifiableMap(new TreeMap<>(statusCodes));
    }

    /** 2xx responses a second over the measured span. */
    public double throughput() {
        return perSecond(requests.ok());
    }

    /** Responses of any status a second over the measured span. */
    public double completedPerSecond() {
        return perSecond(requests.completed());
    }

    /** The rows of the verdict, seed 003's targets first, then Aegis's. */
    public List<SloCheck> checks() {
        SloTargets targets = plan.targets();
        double errorPercent = requests.ended() == 0 ? Double.NaN : requests.errorRate() * 100;
        return List.of(
                latencyCheck(SloCheck.SEED, "p50 latency", latency.p50(), targets.seedP50()),
                latencyCheck(SloCheck.SEED, "p95 latency", latency.p95(), targets.seedP95()),
                latencyCheck(SloCheck.SEED, "p99 latency", latency.p99(), targets.seedP99()),
                SloCheck.of(SloCheck.SEED, "error rate", errorPercent, "%", SloCheck.Bound.BELOW,
                        targets.seedErrorRatePercent()),
                SloCheck.of(SloCheck.SEED, "throughput", throughput(), "req/s", SloCheck.Bound.AT_LEAST,
                        targets.seedThroughput(), THROUGHPUT_TOLERANCE),
                latencyCheck(SloCheck.AEGIS, "p99 latency at " + Format.rate(plan.rate()) + " offered", latency.p99(),
                        targets.aegisP99()),
                SloCheck.of(SloCheck.AEGIS, "throughput", throughput(), "req/s", SloCheck.Bound.AT_LEAST,
                        targets.aegisThroughput(), THROUGHPUT_TOLERANCE));
    }

    /** Whether every check passed. */
    public boolean passed() {
        return checks().stream().allMatch(SloCheck::pass);
    }

    /** The human-readable report: the numbers, then one PASS/FAIL row per check. */
    public String table() {
        return ReportTable.render(this);
    }

    /** The report as a JSON document (snake_case keys; latencies in milliseconds). */
    public String json() {
        return ReportJson.render(this);
    }

    private SloCheck latencyCheck(String source, String name, long micros, Duration target) {
        double measuredMillis = latency.count() == 0 ? Double.NaN : micros / MICROS_PER_MILLI;
        return SloCheck.of(source, name, measuredMillis, "ms", SloCheck.Bound.BELOW, target.toNanos() / 1e6);
    }

    private double perSecond(long count) {
        double seconds = measured.toNanos() / NANOS_PER_SECOND;
        return seconds <= 0 ? 0 : count / seconds;
    }
}
