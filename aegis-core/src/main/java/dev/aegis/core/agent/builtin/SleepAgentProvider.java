package dev.aegis.core.agent.builtin;

import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentDefinition;
import dev.aegis.api.agent.AgentEnvironment;
import dev.aegis.api.agent.AgentProvider;

/**
 * {@code sleep}, a diagnostic agent: sleeps {@code {"ms": N}} milliseconds, then scores 0. Setting:
 * {@code max_ms} (default 60000), the longest it sleeps whatever the input asks.
 */
public final class SleepAgentProvider implements AgentProvider {

    @Override
    public String type() {
        return "sleep";
    }

    @Override
    public Agent create(AgentDefinition definition, AgentEnvironment environment) {
        Settings settings = Settings.of(definition, "max_ms");
        return new SleepAgent(definition.name(), settings.positiveLong("max_ms", 60_000), Thread::sleep);
    }
}
