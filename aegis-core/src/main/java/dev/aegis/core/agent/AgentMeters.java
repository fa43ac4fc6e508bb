package dev.aegis.core.agent;

import dev.aegis.core.config.AgentConfig;
import dev.aegis.core.router.AgentStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One agent's Micrometer meters, registered once at start-up: the timer {@code aegis.agent.calls} per final
 * status, with a percentile histogram, and the counter {@code aegis.agent.rejections} per cause. The registry's
 * view reads its p50 and p99 from the histograms, merged over the statuses, as Prometheus' histogram_quantile
 * would; a registry that keeps no histogram buckets (the simple one) shows them as 0.
 */
final class AgentMeters {

    static final String CALLS = "aegis.agent.calls";
    static final String REJECTIONS = "aegis.agent.rejections";
    private static final Duration SHORTEST_EXPECTED = Duration.ofNanos(100_000);
    private static final Duration LONGEST_EXPECTED_AT_LEAST = Duration.ofSeconds(1);

    private final Timer[] calls;
    private final Counter bulkheadFull;
    private final Counter circuitOpen;

    AgentMeters(String agent, AgentConfig config, MeterRegistry meters) {
        AgentStatus[] statuses = AgentStatus.values();
        calls = new Timer[statuses.length];
        Duration longest = config.timeout().compareTo(LONGEST_EXPECTED_AT_LEAST) > 0
                ? config.timeout() : LONGEST_EXPECTED_AT_LEAST;
        for (AgentStatus status : statuses) {
            calls[status.ordinal()] = Timer.builder(CALLS)
                    .description("Guarded agent calls, by how they ended")
                    .tag("agent", agent)
                    .tag("status", status.name())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(SHORTEST_EXPECTED)
                    .maximumExpectedValue(longest)
                    .register(meters);
        }
        bulkheadFull = rejections(agent, "bulkhead_full", meters);
        circuitOpen = rejections(agent, "circuit_open", meters);
    }

    private static Counter rejections(String agent, String cause, MeterRegistry meters) {
        return Counter.builder(REJECTIONS)
                .description("Agent calls refused by a guard before they ran")
                .tag("agent", agent)
                .tag("cause", cause)
                .register(meters);
    }

    void record(AgentStatus status, long nanos) {
        calls[status.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
        if (status == AgentStatus.REJECTED) {
            bulkheadFull.increment();
        } else if (status == AgentStatus.CIRCUIT_OPEN) {
            circuitOpen.increment();
        }
    }

    long calls() {
        long total = 0;
        for (Timer timer : calls) {
            total += timer.count();
        }
        return total;
    }

    /** Latency quantiles over the calls of every status, in milliseconds. */
    double[] latencyMs(double... quantiles) {
        Buckets merged = Buckets.merge(calls);
        double[] answers = new double[quantiles.length];
        for (int i = 0; i < quantiles.length; i++) {
            answers[i] = merged.quantileMs(quantiles[i]);
        }
        return answers;
    }

    /** Cumulative histogram counts summed over timers with the same bucket bounds. */
    private record Buckets(double[] boundsMs, double[] cumulative, double total) {

        static Buckets merge(Timer[] timers) {
            CountAtBucket[] first = timers[0].takeSnapshot().histogramCounts();
            double[] bounds = new double[first.length];
            for (int i = 0; i < first.length; i++) {
                bounds[i] = first[i].bucket(TimeUnit.MILLISECONDS);
            }
            double[] cumulative = new double[first.length];
            double total = 0;
            for (Timer timer : timers) {
                CountAtBucket[] counts = timer.takeSnapshot().histogramCounts();
                for (int i = 0; i < Math.min(counts.length, cumulative.length); i++) {
                    cumulative[i] += counts[i].count();
                }
                total += timer.count();
            }
            return new Buckets(bounds, cumulative, total);
        }

        /** Interpolates inside the bucket that holds the call of that rank; past the last bucket, its bound. */
        double quantileMs(double quantile) {
            if (total == 0) {
                return 0.0;
            }
            double rank = quantile * total;
            double lowerBound = 0;
            double lowerCount = 0;
            for (int i = 0; i < cumulative.length; i++) {
                if (cumulative[i] >= rank && cumulative[i] > lowerCount) {
                    return lowerBound + (boundsMs[i] - lowerBound) * (rank - lowerCount) / (cumulative[i] - lowerCount);
                }
                lowerBound = boundsMs[i];
                lowerCount = cumulative[i];
            }
            return lowerBound;
        }
    }
}
