package dev.aegis.server.loadtest;

import dev.aegis.api.AegisException;
import java.time.Duration;

/**
 * The targets a run is checked against: those of seed 003 (p50, p95, p99, error rate, throughput) and Aegis's own
 * (p99 at the offered rate, throughput). Error rates are in percent, throughputs in 2xx responses a second.
 */
public record SloTargets(Duration seedP50, Duration seedP95, Duration seedP99, double seedErrorRatePercent,
        double seedThroughput, Duration aegisP99, double aegisThroughput) {

    public SloTargets {
        positive("seed p50", seedP50);
        positive("seed p95", seedP95);
        positive("seed p99", seedP99);
        positive("Aegis p99", aegisP99);
        if (!(seedErrorRatePercent >= 0 && seedErrorRatePercent <= 100)) {
            throw new AegisException("error rate target must be between 0 and 100 %, got " + seedErrorRatePercent);
        }
        if (!(seedThroughput >= 0) || !(aegisThroughput >= 0)) {
            throw new AegisException(
                    "throughput targets must not be negative, got " + seedThroughput + " and " + aegisThroughput);
        }
    }

    /**
     * Seed 003: p50 < 100 ms, p95 < 300 ms, p99 < 1 s, errors < 0.01 %, 10,000 req/s; Aegis: p99 < 25 ms at the
     * offered rate, 20,000 req/s.
     */
    public static SloTargets defaults() {
        return new SloTargets(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(1), 0.01, 10_000,
                Duration.ofMillis(25), 20_000);
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new AegisException(name + " target must be positive, got " + value);
        }
    }
}
