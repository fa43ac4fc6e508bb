package dev.aegis.core.agent;

import dev.aegis.core.config.AgentConfig;
import dev.aegis.core.router.AgentStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One agent's Micrometer meters, registered once at start-up: the timer {@code aegis.agent.calls} per final
 * status (with a percentile histogram, for aggregation in Prometheus), the timer {@code aegis.agent.latency}
 * over every status (recent p50 and p99, for the registry's view), and the counter
 * {@code aegis.agent.rejections} per cause.
 */
final class AgentMeters {

    static final String CALLS = "aegis.agent.calls";
    static final String LATENCY = "aegis.agent.latency";
    static final String REJECTIONS = "aegis.agent.rejections";
    private static final double P50 = 0.5;
    private static final double P99 = 0.99;
    private static final Duration SHORTEST_EXPECTED = Duration.ofNanos(100_000);
    private static final Duration LONGEST_EXPECTED_AT_LEAST = Duration.ofSeconds(1);

    private final Timer[] calls;
    private final Timer latency;
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
        latency = Timer.builder(LATENCY)
                .description("Guarded agent calls of every status, with recent quantiles")
                .tag("agent", agent)
                .publishPercentiles(P50, P99)
                .register(meters);
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
        latency.record(nanos, TimeUnit.NANOSECONDS);
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

    /** Recent p50 and p99 over calls of every status, in milliseconds. */
    double[] p50AndP99Ms() {
        double[] answer = new double[2];
        for (ValueAtPercentile value : latency.takeSnapshot().percentileValues()) {
            if (value.percentile() == P50) {
                answer[0] = value.value(TimeUnit.MILLISECONDS);
            } else if (value.percentile() == P99) {
                answer[1] = value.value(TimeUnit.MILLISECONDS);
            }
        }
        return answer;
    }
}
