package dev.aegis.core.agent;

import dev.aegis.api.agent.AgentOutcome;
import dev.aegis.core.router.AgentStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one guarded call ended. {@code outcome} is the agent's answer when it answered (a success when
 * {@code status} is OK, a failure when ERROR), and otherwise a failure that says what the guards did: timed
 * out, rejected by the bulkhead, or refused by the open circuit (all retryable).
 */
public record AgentResult(String agent, AgentStatus status, AgentOutcome outcome, double latencyMs) {

    public AgentResult {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(outcome, "outcome");
    }

    public boolean ok() {
        return status == AgentStatus.OK;
    }

    /** The agent's score, present only when it answered OK. */
    public Optional<Double> score() {
        return outcome instanceof AgentOutcome.Success success ? Optional.of(success.score()) : Optional.empty();
    }

    /** The success's reasons, or the failure's single reason. */
    public List<String> reasons() {
        return switch (outcome) {
            case AgentOutcome.Success success -> success.reasons();
            case AgentOutcome.Failure failure -> List.of(failure.reason());
        };
    }
}
