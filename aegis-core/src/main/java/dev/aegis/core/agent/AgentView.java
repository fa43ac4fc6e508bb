package dev.aegis.core.agent;

/** An agent as {@code GET /v1/agents} shows it: configuration, circuit state and observed latency. */
public record AgentView(
        String name,
        String type,
        String executor,
        long timeoutMs,
        int maxConcurrent,
        String circuitState,
        boolean healthy,
        long calls,
        double p50Ms,
        double p99Ms) {}
