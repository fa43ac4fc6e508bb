package dev.aegis.core.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The checks behind {@link EngineConfig#validate()}: each names the agent or pipeline and the key at fault. */
final class EngineConfigValidator {

    private static final Duration SHORTEST_TIMEOUT = Duration.ofMillis(1);
    /** Resilience4j's time-based sliding window counts in whole seconds. */
    private static final Duration SHORTEST_WINDOW = Duration.ofSeconds(1);

    private EngineConfigValidator() {}

    static void validate(EngineConfig config) {
        config.agents().forEach(EngineConfigValidator::checkAgent);
        config.pipelines().forEach((name, pipeline) -> checkPipeline(name, pipeline, config.agents()));
    }

    private static void checkAgent(String name, AgentConfig agent) {
        String where = "agent '" + name + "': ";
        require(!name.isBlank(), "an agent needs a name");
        require(!agent.type().isBlank(), where + "type is empty");
        require(agent.timeout().compareTo(SHORTEST_TIMEOUT) >= 0,
                where + "timeout must be at least 1ms, was " + agent.timeout());
        require(agent.executor().equals(AgentConfig.LIGHT) || agent.executor().equals(AgentConfig.HEAVY),
                where + "executor must be light or heavy, was '" + agent.executor() + "'");
        require(agent.maxConcurrent() > 0, where + "max_concurrent must be > 0, was " + agent.maxConcurrent());
        require(agent.settings().isObject(), where + "settings must be an object");
        checkCircuit(where, agent.circuit());
        agent.retry().ifPresent(retry -> checkRetry(where, retry));
    }

    private static void checkCircuit(String where, AgentConfig.CircuitConfig circuit) {
        float threshold = circuit.failureRateThreshold();
        require(threshold > 0 && threshold <= 100,
                where + "circuit.failure_rate_threshold must be in (0, 100], was " + threshold);
        Duration window = circuit.window();
        require(window.compareTo(SHORTEST_WINDOW) >= 0 && window.toNanosPart() == 0,
                where + "circuit.window must be whole seconds, at least 1s, was " + window);
        require(circuit.minimumCalls() > 0, where + "circuit.minimum_calls must be > 0, was " + circuit.minimumCalls());
        requirePositive(circuit.openFor(), where + "circuit.open_for");
    }

    private static void checkRetry(String where, AgentConfig.RetryConfig retry) {
        require(retry.maxAttempts() >= 1, where + "retry.max_attempts must be >= 1, was " + retry.maxAttempts());
        require(!retry.backoff().isNegative(), where + "retry.backoff must not be negative, was " + retry.backoff());
    }

    private static void checkPipeline(String name, PipelineConfig pipeline, Map<String, AgentConfig> agents) {
        String where = "pipeline '" + name + "': ";
        require(!name.isBlank(), "a pipeline needs a name");
        requirePositive(pipeline.deadline(), where + "deadline");
        require(!pipeline.agents().isEmpty(), where + "agents is empty");
        Set<String> seen = new HashSet<>();
        for (PipelineConfig.Member member : pipeline.agents()) {
            require(agents.containsKey(member.agent()), where + "agent '" + member.agent()
                    + "' is not configured (configured agents: " + names(agents) + ")");
            require(seen.add(member.agent()), where + "agent '" + member.agent() + "' is listed twice");
        }
    }

    private static String names(Map<String, AgentConfig> agents) {
        return String.join(", ", new TreeSet<>(agents.keySet()));
    }

    private static void requirePositive(Duration duration, String what) {
        require(duration.isPositive(), what + " must be > 0, was " + duration);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new ConfigException(message);
        }
    }
}
