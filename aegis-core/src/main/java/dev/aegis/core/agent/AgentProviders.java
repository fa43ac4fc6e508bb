package dev.aegis.core.agent;

import dev.aegis.api.agent.AgentProvider;
import dev.aegis.core.config.ConfigException;
import java.util.Collection;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The agent providers by type: those {@link ServiceLoader} finds, and those given in code. */
final class AgentProviders {

    private final Map<String, AgentProvider> byType;

    private AgentProviders(Map<String, AgentProvider> byType) {
        this.byType = byType;
    }

    static AgentProviders discover(Collection<? extends AgentProvider> inCode) {
        Map<String, AgentProvider> byType = new TreeMap<>();
        try {
            ServiceLoader.load(AgentProvider.class).forEach(provider -> add(byType, provider));
        } catch (ServiceConfigurationError e) {
            throw new ConfigException("cannot load agent providers: " + e.getMessage(), e);
        }
        inCode.forEach(provider -> add(byType, provider));
        return new AgentProviders(byType);
    }

    private static void add(Map<String, AgentProvider> byType, AgentProvider provider) {
        AgentProvider before = byType.putIfAbsent(provider.type(), provider);
        if (before != null && before.getClass() != provider.getClass()) {
            throw new ConfigException("agent type '" + provider.type() + "' is provided twice, by "
                    + before.getClass().getName() + " and " + provider.getClass().getName());
        }
    }

    /** @throws ConfigException naming the agent, its type and the known types */
    AgentProvider forAgent(String agent, String type) {
        AgentProvider provider = byType.get(type);
        if (provider == null) {
            throw new ConfigException("agent '" + agent + "': unknown type '" + type + "' (known types: "
                    + String.join(", ", byType.keySet()) + ")");
        }
        return provider;
    }
}
