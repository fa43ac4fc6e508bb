package dev.aegis.jdbc.index;

import dev.aegis.api.index.DecisionSummary;
import dev.aegis.jdbc.JdbcSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A quick timing of {@code record}, not a test: {@code rounds} batches of {@code batch} decisions, 1,000 subjects
 * of 8 tenants, one decision a millisecond from one UTC midnight on (so a run spans days once it passes 86.4
 * million), after a warm-up of the same size, printing decisions per second. The index is H2 in the directory
 * given, or the PostgreSQL of a URL (user postgres, no password).
 */
final class RecordThroughput {

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    private RecordThroughput() {
    }

    /** Arguments: a data directory or a jdbc:postgresql: URL, the batch size, the rounds. */
    public static void main(String[] args) {
        int batch = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        try (JdbcMetadataIndex index = args[0].startsWith("jdbc:")
                ? JdbcMetadataIndex.open(new JdbcSettings(args[0], "postgres", "", 8), Duration.ofDays(7))
                : JdbcMetadataIndex.h2(Path.of(args[0]), Duration.ofDays(7))) {
            long next = 0;
            for (String label : List.of("warm-up", "measured")) {
                long started = System.nanoTime();
                for (int round = 0; round < rounds; round++) {
                    index.record(batch(next, batch));
                    next += batch;
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("%-9s %,9d decisions in %6.2f s: %,8.0f decisions/s%n", label,
                        batch * rounds, seconds, batch * rounds / seconds);
            }
        }
    }

    private static List<DecisionSummary> batch(long first, int size) {
        List<DecisionSummary> decisions = new ArrayList<>(size);
        for (long n = first; n < first + size; n++) {
            decisions.add(new DecisionSummary("tenant-" + n % 8, "subject-" + n % 1_000, START.plusMillis(n),
                    "eval-%012d".formatted(n), "login-risk", n % 10 == 0 ? "BLOCK" : "ALLOW", 0.42,
                    Optional.of("eu-west"), List.of("velocity", "new device")));
        }
        return decisions;
    }
}
