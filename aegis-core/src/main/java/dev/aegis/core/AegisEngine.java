package dev.aegis.core;

import dev.aegis.api.agent.AgentEnvironment;
import dev.aegis.api.agent.AgentProvider;
import dev.aegis.core.agent.AgentRegistry;
import dev.aegis.core.config.EngineConfig;
import dev.aegis.core.router.DecisionListener;
import dev.aegis.core.router.Router;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;

/** The core assembled: agents built and guarded, pipelines compiled, executors started. */
public final class AegisEngine implements AutoCloseable {

    private final AgentRegistry agents;
    private final Router router;

    private AegisEngine(AgentRegistry agents, Router router) {
        this.agents = agents;
        this.router = router;
    }

    /**
     * Builds every agent and compiles every policy; fails fast with a {@link dev.aegis.core.config.ConfigException}.
     */
    public static AegisEngine start(EngineConfig config, AgentEnvironment environment, MeterRegistry meters) {
        return start(config, environment, meters, List.of(), DecisionListener.NONE);
    }

    /**
     * As {@link #start(EngineConfig, AgentEnvironment, MeterRegistry)}, with agent providers given in code added to
     * those {@link java.util.ServiceLoader} finds (an embedding application's own agents, or a test's).
     */
    public static AegisEngine start(EngineConfig config, AgentEnvironment environment, MeterRegistry meters,
            Collection<? extends AgentProvider> providers) {
        return start(config, environment, meters, providers, DecisionListener.NONE);
    }

    /**
     * As {@link #start(EngineConfig, AgentEnvironment, MeterRegistry, Collection)}, with every decision handed to
     * {@code decisions} (the audit log and the metadata index).
     */
    public static AegisEngine start(EngineConfig config, AgentEnvironment environment, MeterRegistry meters,
            Collection<? extends AgentProvider> providers, DecisionListener decisions) {
        config.validate();
        AgentRegistry agents = AgentRegistry.start(config.agents(), providers, environment, meters);
        try {
            return new AegisEngine(agents, Router.create(config.pipelines(), agents, meters, environment.time(),
                    decisions));
        } catch (RuntimeException e) {
            agents.close();
            throw e;
        }
    }

    public Router router() {
        return router;
    }

    public AgentRegistry agents() {
        return agents;
    }

    /** Stops the executors; calls in flight are interrupted. */
    @Override
    public void close() {
        agents.close();
    }
}
