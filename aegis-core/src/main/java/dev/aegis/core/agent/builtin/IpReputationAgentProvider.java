package dev.aegis.core.agent.builtin;

import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentDefinition;
import dev.aegis.api.agent.AgentEnvironment;
import dev.aegis.api.agent.AgentProvider;
import java.util.List;

/**
 * {@code ip-reputation}: the event's IP address against deny and allow lists of CIDR blocks. Settings:
 * {@code deny} and {@code allow} (lists, default empty), {@code deny_score} (1.0), {@code unknown_score} (0.0).
 */
public final class IpReputationAgentProvider implements AgentProvider {

    @Override
    public String type() {
        return "ip-reputation";
    }

    @Override
    public Agent create(AgentDefinition definition, AgentEnvironment environment) {
        Settings settings = Settings.of(definition, "deny", "allow", "deny_score", "unknown_score");
        return new IpReputationAgent(
                definition.name(),
                blocks(settings, "deny"),
                blocks(settings, "allow"),
                settings.score("deny_score", 1.0),
                settings.score("unknown_score", 0.0));
    }

    private static List<IpBlock> blocks(Settings settings, String key) {
        return settings.texts(key).stream().map(text -> block(settings, key, text)).toList();
    }

    private static IpBlock block(Settings settings, String key, String text) {
        try {
            return IpBlock.parse(text);
        } catch (IllegalArgumentException e) {
            throw settings.fail(key, "entry '" + text + "' is not a CIDR block: " + e.getMessage(), e);
        }
    }
}
