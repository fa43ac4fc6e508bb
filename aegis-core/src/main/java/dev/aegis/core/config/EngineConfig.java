package dev.aegis.core.config;

import java.util.Map;

/** Everything the engine is built from: agents and pipelines, each keyed by its name. */
public record EngineConfig(Map<String, AgentConfig> agents, Map<String, PipelineConfig> pipelines) {

    public EngineConfig {
        agents = Map.copyOf(agents);
        pipelines = Map.copyOf(pipelines);
    }
}
