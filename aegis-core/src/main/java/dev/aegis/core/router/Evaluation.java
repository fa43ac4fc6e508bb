package dev.aegis.core.router;

import java.util.List;

/** The answer to an evaluate call, as the HTTP API returns it. */
public record Evaluation(
        String id,
        String pipeline,
        String subject,
        Decision decision,
        double score,
        List<String> reasons,
        List<AgentReport> agents,
        double latencyMs) {}
