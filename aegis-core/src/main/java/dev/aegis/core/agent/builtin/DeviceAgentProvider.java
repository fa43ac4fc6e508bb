package dev.aegis.core.agent.builtin;

import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentDefinition;
import dev.aegis.api.agent.AgentEnvironment;
import dev.aegis.api.agent.AgentProvider;
import java.time.Duration;

/**
 * {@code device}: a device the subject has not used before. Settings: {@code new_device_score} (default 0.6),
 * {@code remember} (90d).
 */
public final class DeviceAgentProvider implements AgentProvider {

    @Override
    public String type() {
        return "device";
    }

    @Override
    public Agent create(AgentDefinition definition, AgentEnvironment environment) {
        Settings settings = Settings.of(definition, "new_device_score", "remember");
        return new DeviceAgent(
                definition.name(),
                environment.state(),
                settings.score("new_device_score", 0.6),
                settings.positiveDuration("remember", Duration.ofDays(90)));
    }
}
