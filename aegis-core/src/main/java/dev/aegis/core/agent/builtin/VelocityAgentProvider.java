package dev.aegis.core.agent.builtin;

import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentDefinition;
import dev.aegis.api.agent.AgentEnvironment;
import dev.aegis.api.agent.AgentProvider;
import java.time.Duration;

/**
 * {@code velocity}: how many logins the subject, and the IP address, made in a sliding window. Settings:
 * {@code window} (default 60s), {@code subject_limit} (10), {@code ip_limit} (30).
 */
public final class VelocityAgentProvider implements AgentProvider {

    @Override
    public String type() {
        return "velocity";
    }

    @Override
    public Agent create(AgentDefinition definition, AgentEnvironment environment) {
        Settings settings = Settings.of(definition, "window", "subject_limit", "ip_limit");
        return new VelocityAgent(
                definition.name(),
                environment.state(),
                environment.time(),
                settings.positiveDuration("window", Duration.ofSeconds(60)),
                settings.positiveInt("subject_limit", 10),
                settings.positiveInt("ip_limit", 30));
    }
}
