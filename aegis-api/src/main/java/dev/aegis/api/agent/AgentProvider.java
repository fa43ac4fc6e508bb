package dev.aegis.api.agent;

/**
 * Builds agents of one {@link #type()}. Providers are found with {@link java.util.ServiceLoader}: an
 * in-process Java agent ships a jar with a {@code META-INF/services/dev.aegis.api.agent.AgentProvider}
 * entry and is chosen by {@code type:} in the configuration.
 */
public interface AgentProvider {

    /** The name configuration uses to pick this provider, e.g. {@code velocity} or {@code http}. */
    String type();

    /**
     * Builds one agent from its definition; fails fast with an {@link dev.aegis.api.AegisException} naming
     * the agent and the bad setting.
     */
    Agent create(AgentDefinition definition, AgentEnvironment environment);
}
