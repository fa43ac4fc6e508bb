package dev.aegis.core.agent.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentContext;
import dev.aegis.api.agent.AgentDefinition;
import dev.aegis.api.agent.AgentInput;
import dev.aegis.api.agent.AgentOutcome;
import dev.aegis.api.agent.AgentProvider;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.agent.RuntimeAgentEnvironment;
import dev.aegis.core.state.CaffeineAgentStateStore;
import dev.aegis.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** What the agent tests share: a manual clock, an embedded state store, and short ways to build and call agents. */
final class AgentFixture {

    static final ObjectMapper JSON = new ObjectMapper();

    final ManualClock clock = new ManualClock();
    final CaffeineAgentStateStore state = new CaffeineAgentStateStore(clock, 10_000);
    final RuntimeAgentEnvironment environment;

    AgentFixture() {
        this(Path.of("."));
    }

    AgentFixture(Path configDirectory) {
        this.environment = new RuntimeAgentEnvironment(state, clock, configDirectory);
    }

    /** Builds an agent; {@code settings} is JSON with single quotes for readability. */
    Agent agent(AgentProvider provider, String name, String settings) {
        return provider.create(new AgentDefinition(name, provider.type(), json(settings)), environment);
    }

    Agent agent(AgentProvider provider, String settings) {
        return agent(provider, provider.type(), settings);
    }

    AgentOutcome call(Agent agent, String subject, String event) throws Exception {
        return agent.evaluate(AgentInput.of(subject, json(event)), context("tenant-a", "request-1"));
    }

    AgentOutcome call(Agent agent, String event) throws Exception {
        return agent.evaluate(AgentInput.of(json(event)), context("tenant-a", "request-1"));
    }

    /** A call context whose deadline is a second away on the manual clock. */
    AgentContext context(String tenant, String requestId) {
        return new Context(tenant, requestId, clock.now().plusSeconds(1), clock);
    }

    AgentContext context(Duration remaining) {
        return new Context("tenant-a", "request-1", clock.now().plus(remaining), clock);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad JSON in a test: " + text, e);
        }
    }

    static AgentOutcome.Success success(AgentOutcome outcome) {
        if (outcome instanceof AgentOutcome.Success success) {
            return success;
        }
        throw new AssertionError("expected a success, got " + outcome);
    }

    static AgentOutcome.Failure failure(AgentOutcome outcome) {
        if (outcome instanceof AgentOutcome.Failure failure) {
            return failure;
        }
        throw new AssertionError("expected a failure, got " + outcome);
    }

    private record Context(String tenant, String requestId, Instant deadline, TimeSource clock)
            implements AgentContext {

        @Override
        public Duration remaining() {
            Duration left = Duration.between(clock.now(), deadline);
            return left.isNegative() ? Duration.ZERO : left;
        }
    }
}
