package dev.aegis.testkit.index;

import dev.aegis.api.index.DecisionSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decision summaries for contract tests: evaluation ids that sort by creation (a zero-padded counter after a fixed
 * prefix) and instants in whole milliseconds, counted in days from one fixed UTC midnight.
 */
public final class DecisionFixtures {

    /** Midnight UTC starting the first day of the fixtures. */
    public static final Instant DAY_ONE = Instant.parse("2026-03-01T00:00:00Z");

    private long next;

    /** {@code seconds} into the day {@code day} days after {@link #DAY_ONE}. */
    public static Instant at(int day, long seconds) {
        return DAY_ONE.plus(Duration.ofDays(day)).plusSeconds(seconds);
    }

    /** An ALLOW in eu-west for the subject, with the next evaluation id. */
    public DecisionSummary of(String tenant, String subject, Instant time) {
        return of(tenant, subject, time, nextId());
    }

    /** An ALLOW in eu-west for the subject, with the given evaluation id. */
    public DecisionSummary of(String tenant, String subject, Instant time, String evaluationId) {
        return new DecisionSummary(tenant, subject, time, evaluationId, "login-risk", "ALLOW", 0.25,
                Optional.of("eu-west"), List.of("known device"));
    }

    /** A decision of one kind, where the event said, for subject {@code alice}, with the next evaluation id. */
    public DecisionSummary kind(String tenant, String decision, Optional<String> region, Instant time) {
        return new DecisionSummary(tenant, "alice", time, nextId(), "login-risk", decision, 0.9, region,
                List.of("velocity"));
    }

    private String nextId() {
        return "eval-%09d".formatted(++next);
    }
}
