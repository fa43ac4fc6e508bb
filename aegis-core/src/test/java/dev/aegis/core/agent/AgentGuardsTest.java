package dev.aegis.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentDefinition;
import dev.aegis.api.agent.AgentEnvironment;
import dev.aegis.api.agent.AgentInput;
import dev.aegis.api.agent.AgentOutcome;
import dev.aegis.api.agent.AgentProvider;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.config.AgentConfig;
import dev.aegis.core.config.ConfigException;
import dev.aegis.core.router.AgentStatus;
import dev.aegis.testkit.ManualClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentGuardsTest {

    private static final AgentInput INPUT = AgentInput.of("alice", JsonNodeFactory.instance.objectNode());
    private static final AgentConfig.CircuitConfig TWO_CALL_CIRCUIT =
            new AgentConfig.CircuitConfig(50f, Duration.ofSeconds(10), 2, Duration.ofSeconds(10));

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private AgentRegistry registry;

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
    }

    private AgentRegistry start(TimeSource time, TestAgents agents, Map<String, AgentConfig> configs) {
        registry = AgentRegistry.start(configs, List.of(agents), TestAgents.environment(time), meters);
        return registry;
    }

    private static CallContext context(TimeSource time, Duration budget) {
        return CallContext.of("tenant", "request", time, budget);
    }

    private AgentResult call(String agent) {
        return call(agent, TimeSource.system());
    }

    private AgentResult call(String agent, TimeSource time) {
        return registry.call(agent, INPUT, context(time, Duration.ofSeconds(1)));
    }

    private double rejections(String agent, String cause) {
        return meters.get("aegis.agent.rejections").tags("agent", agent, "cause", cause).counter().count();
    }

    private static AgentConfig test() {
        return AgentConfig.defaults(TestAgents.TYPE);
    }

    @Test
    void answersOkWithTheAgentsScoreAndRecordsTheCall() {
        start(TimeSource.system(), new TestAgents().with("geo", TestAgents.scoring(0.7, "far away")),
                Map.of("geo", test()));

        AgentResult result = call("geo");

        assertThat(result.status()).isEqualTo(AgentStatus.OK);
        assertThat(result.score()).contains(0.7);
        assertThat(result.reasons()).containsExactly("far away");
        assertThat(meters.get("aegis.agent.calls").tags("agent", "geo", "status", "OK").timer().count()).isEqualTo(1);
        assertThat(registry.agent("geo")).hasValueSatisfying(view -> {
            assertThat(view.calls()).isEqualTo(1);
            assertThat(view.circuitState()).isEqualTo("CLOSED");
            assertThat(view.healthy()).isTrue();
        });
    }

    @Test
    void theViewShowsLatencyQuantilesFromTheHistograms() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry = AgentRegistry.start(Map.of("geo", test()),
                List.of(new TestAgents().with("geo", TestAgents.sleeping(Duration.ofMillis(2), 0.0))),
                TestAgents.environment(TimeSource.system()), prometheus);
        for (int i = 0; i < 5; i++) {
            call("geo");
        }

        AgentView view = registry.agent("geo").orElseThrow();

        assertThat(view.calls()).isEqualTo(5);
        assertThat(view.p50Ms()).isGreaterThanOrEqualTo(1.0);
        assertThat(view.p99Ms()).isGreaterThanOrEqualTo(view.p50Ms()).isLessThan(1_000.0);
        assertThat(prometheus.scrape()).contains("aegis_agent_calls_seconds_bucket{agent=\"geo\"");
    }

    @Test
    void timesOutAtTheAgentsTimeoutAndInterruptsTheRunningCall() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        start(TimeSource.system(), new TestAgents().with("slow", (input, context) -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return AgentOutcome.success(0.0, List.of());
        }), Map.of("slow", test().withTimeout(Duration.ofMillis(30))));

        long start = System.nanoTime();
        AgentResult result = registry.call("slow", INPUT, context(TimeSource.system(), Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(AgentStatus.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(interrupted.await(1, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anExceptionIsAnErrorWithItsMessage() {
        start(TimeSource.system(), new TestAgents().with("bad", (input, context) -> {
            throw new IllegalStateException("model missing");
        }), Map.of("bad", test()));

        AgentResult result = call("bad");

        assertThat(result.status()).isEqualTo(AgentStatus.ERROR);
        assertThat(result.reasons()).containsExactly("IllegalStateException: model missing");
    }

    @Test
    void opensTheCircuitAfterFailuresAndHalfOpensAfterOpenFor() {
        ManualClock clock = new ManualClock();
        AtomicBoolean broken = new AtomicBoolean(true);
        start(clock, new TestAgents().with("flaky", (input, context) -> broken.get()
                ? AgentOutcome.permanentFailure("down")
                : AgentOutcome.success(0.1, List.of())), Map.of("flaky", test().withCircuit(TWO_CALL_CIRCUIT)));

        assertThat(call("flaky", clock).status()).isEqualTo(AgentStatus.ERROR);
        assertThat(call("flaky", clock).status()).isEqualTo(AgentStatus.ERROR);
        AgentResult refused = call("flaky", clock);

        assertThat(refused.status()).isEqualTo(AgentStatus.CIRCUIT_OPEN);
        assertThat(registry.agent("flaky")).hasValueSatisfying(view -> {
            assertThat(view.circuitState()).isEqualTo("OPEN");
            assertThat(view.healthy()).isFalse();
        });
        assertThat(rejections("flaky", "circuit_open")).isEqualTo(1.0);

        broken.set(false);
        clock.advance(Duration.ofSeconds(11));
        assertThat(call("flaky", clock).status()).isEqualTo(AgentStatus.OK);
        assertThat(registry.agent("flaky").orElseThrow().circuitState()).isEqualTo("HALF_OPEN");
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        ManualClock clock = new ManualClock();
        start(clock, new TestAgents().with("flaky", (input, context) -> AgentOutcome.permanentFailure("down")),
                Map.of("flaky", test().withCircuit(TWO_CALL_CIRCUIT)));

        assertThat(call("flaky", clock).status()).isEqualTo(AgentStatus.ERROR);
        clock.advance(Duration.ofSeconds(11));
        assertThat(call("flaky", clock).status()).isEqualTo(AgentStatus.ERROR);

        assertThat(registry.agent("flaky").orElseThrow().circuitState())
                .as("the first failure left the 10 s window").isEqualTo("CLOSED");
        assertThat(call("flaky", clock).status()).isEqualTo(AgentStatus.ERROR);
        assertThat(registry.agent("flaky").orElseThrow().circuitState()).isEqualTo("OPEN");
    }

    @Test
    void rejectsCallsOverMaxConcurrent() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(TimeSource.system(), new TestAgents().with("narrow", TestAgents.blocking(entered, release)),
                Map.of("narrow", test().withMaxConcurrent(1).withCircuit(TWO_CALL_CIRCUIT)));
        AgentCall first = registry.start("narrow", INPUT, context(TimeSource.system(), Duration.ofSeconds(1)));
        assertThat(entered.await(1, TimeUnit.SECONDS)).isTrue();

        AgentResult second = call("narrow");
        AgentResult third = call("narrow");
        release.countDown();

        assertThat(second.status()).isEqualTo(AgentStatus.REJECTED);
        assertThat(third.status()).as("rejections do not open the circuit").isEqualTo(AgentStatus.REJECTED);
        assertThat(first.result().toCompletableFuture().join().status()).isEqualTo(AgentStatus.OK);
        assertThat(rejections("narrow", "bulkhead_full")).isEqualTo(2.0);
    }

    @Test
    void aTimedOutCallKeepsItsPermitUntilItsThreadEnds() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(TimeSource.system(), new TestAgents().with("stubborn", (input, context) -> {
            entered.countDown();
            while (release.getCount() > 0) {
                Thread.onSpinWait();
            }
            return AgentOutcome.success(0.0, List.of());
        }), Map.of("stubborn", test().withMaxConcurrent(1).withTimeout(Duration.ofMillis(20))));

        AgentResult ignoredInterrupt = call("stubborn");
        assertThat(entered.await(1, TimeUnit.SECONDS)).isTrue();
        AgentResult whileStillRunning = call("stubborn");
        release.countDown();

        assertThat(ignoredInterrupt.status()).isEqualTo(AgentStatus.TIMEOUT);
        assertThat(whileStillRunning.status()).isEqualTo(AgentStatus.REJECTED);
    }

    @Test
    void heavyAgentsSaturatedDoNotDelayLightOnes() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        start(TimeSource.system(), new TestAgents()
                        .with("model", TestAgents.blocking(entered, release))
                        .with("velocity", TestAgents.scoring(0.2)),
                Map.of("model", test().withExecutor(AgentConfig.HEAVY).withMaxConcurrent(2),
                        "velocity", test()));
        registry.start("model", INPUT, context(TimeSource.system(), Duration.ofSeconds(2)));
        registry.start("model", INPUT, context(TimeSource.system(), Duration.ofSeconds(2)));
        assertThat(entered.await(1, TimeUnit.SECONDS)).isTrue();

        AgentResult refused = call("model");
        long start = System.nanoTime();
        AgentResult light = call("velocity");
        Duration lightTook = Duration.ofNanos(System.nanoTime() - start);
        release.countDown();

        assertThat(refused.status()).isEqualTo(AgentStatus.REJECTED);
        assertThat(light.status()).isEqualTo(AgentStatus.OK);
        assertThat(lightTook).as("far from the heavy agents' 2 s").isLessThan(Duration.ofMillis(200));
    }

    @Test
    void retriesARetryableFailureUntilItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        start(TimeSource.system(), new TestAgents().with("flaky", TestAgents.failingTimes(2, attempts)),
                Map.of("flaky", test().withRetry(new AgentConfig.RetryConfig(3, Duration.ofMillis(1)))));

        AgentResult result = call("flaky");

        assertThat(result.status()).isEqualTo(AgentStatus.OK);
        assertThat(result.reasons()).containsExactly("eventually");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void doesNotRetryAPermanentFailure() {
        AtomicInteger attempts = new AtomicInteger();
        start(TimeSource.system(), new TestAgents().with("broken", (input, context) -> {
            attempts.incrementAndGet();
            return AgentOutcome.permanentFailure("bad input");
        }), Map.of("broken", test().withRetry(new AgentConfig.RetryConfig(3, Duration.ofMillis(1)))));

        AgentResult result = call("broken");

        assertThat(result.status()).isEqualTo(AgentStatus.ERROR);
        assertThat(result.outcome()).isEqualTo(AgentOutcome.permanentFailure("bad input"));
        assertThat(attempts).hasValue(1);
    }

    @Test
    void anUnknownTypeStopsStartUpNamingAgentTypeAndKnownTypes() {
        assertThatThrownBy(() -> start(TimeSource.system(), new TestAgents(),
                Map.of("geo", AgentConfig.defaults("geography"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("agent 'geo'")
                .hasMessageContaining("unknown type 'geography'")
                .hasMessageContaining("known types:")
                .hasMessageContaining(TestAgents.TYPE);
    }

    @Test
    void aTypeProvidedTwiceStopsStartUp() {
        AgentProvider impostor = new AgentProvider() {
            @Override
            public String type() {
                return TestAgents.TYPE;
            }

            @Override
            public Agent create(AgentDefinition definition, AgentEnvironment environment) {
                return TestAgents.scoring(0.0);
            }
        };

        assertThatThrownBy(() -> AgentRegistry.start(Map.of(), List.of(new TestAgents(), impostor),
                TestAgents.environment(TimeSource.system()), meters))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("agent type 'test' is provided twice");
    }

    @Test
    void aProviderRefusingItsSettingsStopsStartUpNamingTheAgent() {
        assertThatThrownBy(() -> start(TimeSource.system(), new TestAgents(), Map.of("ghost", test())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("agent 'ghost'");
    }

    @Test
    void callingAnUnknownAgentSaysWhichAgentsExist() {
        start(TimeSource.system(), new TestAgents().with("geo", TestAgents.scoring(0.0)), Map.of("geo", test()));

        assertThatThrownBy(() -> call("gео"))
                .isInstanceOf(UnknownAgentException.class)
                .hasMessageContaining("configured agents: geo");
    }
}
