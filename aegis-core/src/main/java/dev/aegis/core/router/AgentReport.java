package dev.aegis.core.router;

import java.util.List;
import java.util.Optional;

/** One agent's part in an evaluation; {@code score} is present only when {@code status} is OK. */
public record AgentReport(
        String agent, AgentStatus status, Optional<Double> score, List<String> reasons, double latencyMs) {}
