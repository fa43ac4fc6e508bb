package dev.aegis.api.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What an agent answers: a scored success, or a failure that says whether trying again may help. */
public sealed interface AgentOutcome {

    /** A judgement: {@code score} in [0, 1] (0 harmless, 1 certain risk), reasons, and optional detail. */
    record Success(double score, List<String> reasons, Optional<JsonNode> payload) implements AgentOutcome {

        public Success {
            if (!(score >= 0.0 && score <= 1.0)) {
                throw new IllegalArgumentException("score must be in [0, 1], was " + score);
            }
            reasons = List.copyOf(reasons);
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** The agent could not judge. {@code retryable} says whether the same input may succeed later. */
    record Failure(String reason, boolean retryable) implements AgentOutcome {

        public Failure {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static Success success(double score, List<String> reasons) {
        return new Success(score, reasons, Optional.empty());
    }

    static Success success(double score, List<String> reasons, JsonNode payload) {
        return new Success(score, reasons, Optional.of(payload));
    }

    static Failure retryableFailure(String reason) {
        return new Failure(reason, true);
    }

    static Failure permanentFailure(String reason) {
        return new Failure(reason, false);
    }
}
