package dev.aegis.core.agent.builtin;

import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentDefinition;
import dev.aegis.api.agent.AgentEnvironment;
import dev.aegis.api.agent.AgentOutcome;
import dev.aegis.api.agent.AgentProvider;
import java.util.List;

/** {@code echo}, a diagnostic agent: scores 0 and returns its input as the payload. No settings. */
public final class EchoAgentProvider implements AgentProvider {

    @Override
    public String type() {
        return "echo";
    }

    @Override
    public Agent create(AgentDefinition definition, AgentEnvironment environment) {
        Settings.of(definition);
        return (input, context) -> AgentOutcome.success(0, List.of(), input.data());
    }
}
