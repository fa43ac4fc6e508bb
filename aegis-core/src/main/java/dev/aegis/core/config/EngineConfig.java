package dev.aegis.core.config;

import java.util.Map;

/** Everything the engine is built from: agents and pipelines, each keyed by its name. */
public record EngineConfig(Map<String, AgentConfig> agents, Map<String, PipelineConfig> pipelines) {

    public EngineConfig {
        agents = Map.copyOf(agents);
        pipelines = Map.copyOf(pipelines);
    }

    /**
     * Checks what single records cannot: every pipeline names configured agents, durations and sizes are
     * positive, executors are known.
     *
     * @return this configuration
     * @throws ConfigException naming the agent or pipeline and the key at fault
     */
    public EngineConfig validate() {
        EngineConfigValidator.validate(this);
        return this;
    }
}
