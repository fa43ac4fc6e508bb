package dev.aegis.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentDefinition;
import dev.aegis.api.agent.AgentEnvironment;
import dev.aegis.api.agent.AgentOutcome;
import dev.aegis.api.agent.AgentProvider;
import dev.aegis.api.state.AgentStateStore;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.config.AgentConfig;
import dev.aegis.core.config.EngineConfig;
import dev.aegis.core.config.PipelineConfig;
import dev.aegis.core.config.PolicyConfig;
import dev.aegis.core.config.SourceText;
import dev.aegis.core.router.Decision;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shape of the login-risk pipeline (five agents, the four default rules, one fail-closed member) with
 * agents that answer at once, so that what is measured is the runtime around them.
 */
final class LoginRiskFixture {

    static final String PIPELINE = "login-risk";
    static final List<String> AGENTS = List.of("velocity", "geo", "device", "ip-reputation", "model");
    static final String NO_OP = "no-op";

    private static final AgentOutcome ANSWER = AgentOutcome.success(0.1, List.of("checked"));

    private LoginRiskFixture() {}

    static EngineConfig config() {
        Map<String, AgentConfig> agents = new LinkedHashMap<>();
        AGENTS.forEach(name -> agents.put(name, AgentConfig.defaults(NO_OP).withTimeout(Duration.ofMillis(20))));
        List<PipelineConfig.Member> members = AGENTS.stream()
                .map(name -> name.equals("ip-reputation") ? PipelineConfig.Member.closed(name)
                        : PipelineConfig.Member.open(name))
                .toList();
        return new EngineConfig(agents, Map.of(PIPELINE, new PipelineConfig(Duration.ofMillis(50), members, policy())));
    }

    static PolicyConfig policy() {
        return new PolicyConfig(Optional.empty(), List.of(
                rule("agents[\"ip-reputation\"].ok && agents[\"ip-reputation\"].score >= 1.0", Decision.BLOCK,
                        "ip address on the deny list"),
                rule("agents[\"geo\"].ok && agents[\"geo\"].score >= 1.0", Decision.BLOCK, "impossible travel"),
                rule("score >= 0.8", Decision.BLOCK, "risk score at or above 0.8"),
                rule("score >= 0.5", Decision.REVIEW, "risk score at or above 0.5")),
                Decision.ALLOW, Decision.REVIEW);
    }

    private static PolicyConfig.Rule rule(String when, Decision decision, String reason) {
        return new PolicyConfig.Rule(SourceText.of(when), decision, reason);
    }

    static JsonNode event() {
        return JsonNodeFactory.instance.objectNode()
                .put("ip", "203.0.113.7")
                .put("device", "d-42")
                .put("lat", 48.85)
                .put("lon", 2.35);
    }

    /** Builds agents that answer a fixed low score without doing anything. */
    static final class NoOpAgents implements AgentProvider {

        @Override
        public String type() {
            return NO_OP;
        }

        @Override
        public Agent create(AgentDefinition definition, AgentEnvironment environment) {
            return (input, context) -> ANSWER;
        }
    }

    /** What no-op agents need from their environment: the clock. */
    record Environment(TimeSource time) implements AgentEnvironment {

        @Override
        public AgentStateStore state() {
            throw new UnsupportedOperationException("no-op agents keep no state");
        }

        @Override
        public Path resolve(String location) {
            return Path.of(location);
        }
    }
}
