package dev.aegis.server.loadtest;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles in microseconds, from an HdrHistogram of microseconds (3 significant digits, so each value
 * is exact to 0.1 %). {@code count} is the number of recorded requests; with none, every value is 0.
 */
public record Latencies(long count, long p50, long p90, long p95, long p99, long p999, long max, double mean) {

    public static Latencies of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new Latencies(0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new Latencies(micros.getTotalCount(),
                micros.getValueAtPercentile(50),
                micros.getValueAtPercentile(90),
                micros.getValueAtPercentile(95),
                micros.getValueAtPercentile(99),
                micros.getValueAtPercentile(99.9),
                micros.getMaxValue(),
                micros.getMean());
    }
}
