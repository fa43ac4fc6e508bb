package dev.aegis.core.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aegis.core.router.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration as written (snake_case keys, absent keys as null), each shape turning itself into its
 * record with the defaults applied.
 */
final class YamlShapes {

    private YamlShapes() {}

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /** The engine's part of the whole file: other top-level keys (server, auth, ...) belong to others. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Engine(Map<String, AgentConfig> agents, Map<String, PipelineConfig> pipelines) {

        EngineConfig toConfig() {
            return new EngineConfig(or(agents, Map.of()), or(pipelines, Map.of()));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Agent(
            @JsonProperty(required = true) String type,
            Duration timeout,
            String executor,
            Integer maxConcurrent,
            Circuit circuit,
            Retry retry,
            JsonNode settings) {

        AgentConfig toConfig() {
            return new AgentConfig(
                    type,
                    or(timeout, AgentConfig.DEFAULT_TIMEOUT),
                    executor == null ? AgentConfig.LIGHT : executor.strip().toLowerCase(Locale.ROOT),
                    or(maxConcurrent, AgentConfig.DEFAULT_MAX_CONCURRENT),
                    circuit == null ? AgentConfig.CircuitConfig.DEFAULT : circuit.toConfig(),
                    Optional.ofNullable(retry).map(Retry::toConfig),
                    settings == null || settings.isNull() ? JsonNodeFactory.instance.objectNode() : settings);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Circuit(Float failureRateThreshold, Duration window, Integer minimumCalls, Duration openFor) {

        AgentConfig.CircuitConfig toConfig() {
            AgentConfig.CircuitConfig defaults = AgentConfig.CircuitConfig.DEFAULT;
            return new AgentConfig.CircuitConfig(
                    or(failureRateThreshold, defaults.failureRateThreshold()),
                    or(window, defaults.window()),
                    or(minimumCalls, defaults.minimumCalls()),
                    or(openFor, defaults.openFor()));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Retry(Integer maxAttempts, Duration backoff) {

        AgentConfig.RetryConfig toConfig() {
            AgentConfig.RetryConfig defaults = AgentConfig.RetryConfig.DEFAULT;
            return new AgentConfig.RetryConfig(
                    or(maxAttempts, defaults.maxAttempts()), or(backoff, defaults.backoff()));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Pipeline(
            @JsonProperty(required = true) Duration deadline,
            @JsonProperty(required = true) List<PipelineConfig.Member> agents,
            PolicyConfig policy) {

        PipelineConfig toConfig() {
            return new PipelineConfig(deadline, agents, or(policy, PolicyConfig.allowAll()));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Member(@JsonProperty(required = true) String agent, PipelineConfig.FailureMode onMissing) {

        PipelineConfig.Member toConfig() {
            return new PipelineConfig.Member(agent, or(onMissing, PipelineConfig.FailureMode.OPEN));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Policy(
            SourceText score, List<PolicyConfig.Rule> rules, Decision otherwise, Decision whenClosedAgentMissing) {

        PolicyConfig toConfig() {
            return new PolicyConfig(
                    Optional.ofNullable(score), or(rules, List.of()), or(otherwise, Decision.ALLOW),
                    or(whenClosedAgentMissing, Decision.REVIEW));
        }
    }

    record Rule(
            @JsonProperty(required = true) SourceText when,
            @JsonProperty(required = true) Decision decision,
            String reason) {

        PolicyConfig.Rule toConfig() {
            return new PolicyConfig.Rule(when, decision, Objects.requireNonNullElse(reason, when.text()));
        }
    }
}
