package dev.aegis.core.agent;

import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentContext;
import dev.aegis.api.agent.AgentInput;
import dev.aegis.api.agent.AgentOutcome;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.config.AgentConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/** An agent inside its guards, with its executor and meters: starts calls and reports on itself. */
final class GuardedAgent {

    private static final double P50 = 0.5;
    private static final double P99 = 0.99;

    private final String name;
    private final AgentConfig config;
    private final Agent agent;
    private final Guards guards;
    private final Executor executor;
    private final ScheduledExecutorService timer;
    private final AgentMeters meters;
    private final TimeSource time;
    private final long timeoutNanos;

    GuardedAgent(String name, AgentConfig config, Agent agent, Guards guards, Executor executor,
            ScheduledExecutorService timer, AgentMeters meters, TimeSource time) {
        this.name = name;
        this.config = config;
        this.agent = agent;
        this.guards = guards;
        this.executor = executor;
        this.timer = timer;
        this.meters = meters;
        this.time = time;
        this.timeoutNanos = config.timeout().toNanos();
    }

    String name() {
        return name;
    }

    Duration timeout() {
        return config.timeout();
    }

    TimeSource time() {
        return time;
    }

    AgentCall start(AgentInput input, AgentContext context) {
        InFlightCall call = new InFlightCall(this, input, CallContext.from(context, time), time.nanoTime());
        call.begin();
        return call;
    }

    /** The guarded chain for one call; each attempt it starts comes from {@code attempts}. */
    Supplier<CompletionStage<AgentOutcome>> guarded(Supplier<Attempt> attempts) {
        return guards.decorate(timer, attempts);
    }

    /** A new attempt whose context ends at the call's deadline or this agent's timeout, whichever comes first. */
    Attempt attempt(AgentInput input, CallContext call) {
        return new Attempt(agent, input, call.narrowedTo(time.nanoTime() + timeoutNanos), executor);
    }

    void record(AgentResult result, long nanos) {
        meters.record(result.status(), nanos);
    }

    AgentView view() {
        CircuitBreaker.State state = guards.breaker().getState();
        double[] latency = meters.latencyMs(P50, P99);
        return new AgentView(name, config.type(), config.executor(), config.timeout().toMillis(),
                config.maxConcurrent(), state.name(), healthy(state), meters.calls(), latency[0], latency[1]);
    }

    private static boolean healthy(CircuitBreaker.State state) {
        return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
    }
}
