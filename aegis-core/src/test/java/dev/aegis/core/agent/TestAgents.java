package dev.aegis.core.agent;

import dev.aegis.api.AegisException;
import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentDefinition;
import dev.aegis.api.agent.AgentEnvironment;
import dev.aegis.api.agent.AgentOutcome;
import dev.aegis.api.agent.AgentProvider;
import dev.aegis.api.state.AgentStateStore;
import dev.aegis.api.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Agents written in a test: a provider of type {@code test} that builds, for each configured agent name, the
 * agent the test registered under that name; and a few agents tests need often.
 */
public final class TestAgents implements AgentProvider {

    public static final String TYPE = "test";

    private final Map<String, Agent> agents = new ConcurrentHashMap<>();

    public TestAgents with(String name, Agent agent) {
        agents.put(name, agent);
        return this;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Agent create(AgentDefinition definition, AgentEnvironment environment) {
        Agent agent = agents.get(definition.name());
        if (agent == null) {
            throw new AegisException("the test registered no agent named '" + definition.name() + "'");
        }
        return agent;
    }

    /** An environment for test agents, which keep no state and resolve no files. */
    public static AgentEnvironment environment(TimeSource time) {
        return new AgentEnvironment() {
            @Override
            public AgentStateStore state() {
                throw new UnsupportedOperationException("test agents keep no state");
            }

            @Override
            public TimeSource time() {
                return time;
            }

            @Override
            public Path resolve(String location) {
                return Path.of(location);
            }
        };
    }

    public static Agent scoring(double score, String... reasons) {
        return (input, context) -> AgentOutcome.success(score, List.of(reasons));
    }

    /** Sleeps (interruptibly), then scores. */
    public static Agent sleeping(Duration duration, double score) {
        return (input, context) -> {
            Thread.sleep(duration);
            return AgentOutcome.success(score, List.of());
        };
    }

    /** Answers a failure every time. */
    public static Agent failing(boolean retryable) {
        return (input, context) -> new AgentOutcome.Failure("broken", retryable);
    }

    /** Fails {@code times} times (retryable), then scores; {@code attempts} counts every call. */
    public static Agent failingTimes(int times, AtomicInteger attempts) {
        return (input, context) -> attempts.incrementAndGet() <= times
                ? AgentOutcome.retryableFailure("not yet")
                : AgentOutcome.success(0.25, List.of("eventually"));
    }

    /** Blocks until {@code release} opens (or the call is interrupted), counting down {@code entered} first. */
    public static Agent blocking(CountDownLatch entered, CountDownLatch release) {
        return (input, context) -> {
            entered.countDown();
            release.await();
            return AgentOutcome.success(0.0, List.of());
        };
    }
}
