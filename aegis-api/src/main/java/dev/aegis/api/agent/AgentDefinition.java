package dev.aegis.api.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * An agent as configured: its unique name, the provider type that builds it, and the provider's own
 * settings (the {@code settings} object of the agent's configuration, an empty object when absent).
 */
public record AgentDefinition(String name, String type, JsonNode settings) {

    public AgentDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(settings, "settings");
    }
}
