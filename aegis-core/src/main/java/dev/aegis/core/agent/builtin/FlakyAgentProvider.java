package dev.aegis.core.agent.builtin;

import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentDefinition;
import dev.aegis.api.agent.AgentEnvironment;
import dev.aegis.api.agent.AgentProvider;
import java.time.Duration;

/**
 * {@code flaky}, a diagnostic agent: for input {@code {"fail_times": N}} the first N calls with one request id
 * fail (retryable), later ones succeed. Setting: {@code remember} (default 1h), how long attempts are counted.
 */
public final class FlakyAgentProvider implements AgentProvider {

    @Override
    public String type() {
        return "flaky";
    }

    @Override
    public Agent create(AgentDefinition definition, AgentEnvironment environment) {
        Settings settings = Settings.of(definition, "remember");
        return new FlakyAgent(
                definition.name(),
                environment.state(),
                environment.time(),
                settings.positiveDuration("remember", Duration.ofHours(1)));
    }
}
