package dev.aegis.core.agent;

import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentContext;
import dev.aegis.api.agent.AgentDefinition;
import dev.aegis.api.agent.AgentEnvironment;
import dev.aegis.api.agent.AgentInput;
import dev.aegis.api.agent.AgentProvider;
import dev.aegis.core.config.AgentConfig;
import dev.aegis.core.config.ConfigException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The configured agents, each wrapped in its guards (timeout, bulkhead, circuit breaker, retry). */
public final class AgentRegistry implements AutoCloseable {

    private final Map<String, GuardedAgent> agents;
    private final AgentExecutors executors;

    private AgentRegistry(Map<String, GuardedAgent> agents, AgentExecutors executors) {
        this.agents = agents;
        this.executors = executors;
    }

    /**
     * Builds every configured agent with the provider of its type (found with {@link java.util.ServiceLoader}, or
     * given in {@code providers}) and wraps it in its guards.
     *
     * @throws ConfigException when a type is unknown or a provider refuses an agent's settings
     */
    public static AgentRegistry start(Map<String, AgentConfig> configs, Collection<? extends AgentProvider> providers,
            AgentEnvironment environment, MeterRegistry meters) {
        AgentProviders known = AgentProviders.discover(providers);
        AgentExecutors executors = new AgentExecutors();
        try {
            Resilience resilience = new Resilience(meters, environment.time());
            Map<String, GuardedAgent> agents = new TreeMap<>();
            new TreeMap<>(configs).forEach((name, config) -> agents.put(name,
                    guard(name, config, build(name, config, known, environment), resilience, executors, environment,
                            meters)));
            return new AgentRegistry(Map.copyOf(agents), executors);
        } catch (RuntimeException e) {
            executors.close();
            throw e;
        }
    }

    private static Agent build(String name, AgentConfig config, AgentProviders known, AgentEnvironment environment) {
        AgentProvider provider = known.forAgent(name, config.type());
        try {
            return provider.create(new AgentDefinition(name, config.type(), config.settings()), environment);
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigException("agent '" + name + "' (type " + config.type() + "): " + e.getMessage(), e);
        }
    }

    private static GuardedAgent guard(String name, AgentConfig config, Agent agent, Resilience resilience,
            AgentExecutors executors, AgentEnvironment environment, MeterRegistry meters) {
        Executor executor = config.heavy() ? executors.heavy(name, config.maxConcurrent()) : executors.light();
        return new GuardedAgent(name, config, agent, resilience.guards(name, config), executor, executors.timer(),
                new AgentMeters(name, config, meters), environment.time());
    }

    /** Every agent with its configuration, circuit state and observed latency, by name. */
    public List<AgentView> agents() {
        return agents.values().stream().map(GuardedAgent::view)
                .sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    public Optional<AgentView> agent(String name) {
        return Optional.ofNullable(agents.get(name)).map(GuardedAgent::view);
    }

    public Set<String> names() {
        return agents.keySet();
    }

    /**
     * Starts one guarded call without waiting for it. The call ends by the agent's own timeout at the latest;
     * a caller with a shorter deadline {@linkplain AgentCall#expire() expires} it.
     *
     * @throws UnknownAgentException when no agent has that name
     */
    public AgentCall start(String agent, AgentInput input, AgentContext context) {
        GuardedAgent guarded = agents.get(agent);
        if (guarded == null) {
            throw new UnknownAgentException(agent, agents.keySet());
        }
        return guarded.start(input, context);
    }

    /**
     * Calls one agent through its guards and waits for the result, at most until the context's deadline
     * (the call is then TIMEOUT and interrupted). An interrupted caller gets the call expired, with its interrupt
     * flag restored.
     *
     * @throws UnknownAgentException when no agent has that name
     */
    public AgentResult call(String agent, AgentInput input, AgentContext context) {
        AgentCall call = start(agent, input, context);
        try {
            call.result().toCompletableFuture().get(Math.max(0, context.remaining().toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | ExecutionException e) {
            // the deadline came first (the result never completes exceptionally): expire() makes it TIMEOUT
        }
        return call.expire();
    }

    /** Stops every agent executor; calls in flight are interrupted. */
    @Override
    public void close() {
        executors.close();
    }
}
