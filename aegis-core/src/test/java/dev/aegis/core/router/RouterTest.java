package dev.aegis.core.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aegis.api.agent.AgentOutcome;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.AegisEngine;
import dev.aegis.core.agent.TestAgents;
import dev.aegis.core.config.AgentConfig;
import dev.aegis.core.config.ConfigException;
import dev.aegis.core.config.EngineConfig;
import dev.aegis.core.config.PipelineConfig;
import dev.aegis.core.config.PolicyConfig;
import dev.aegis.core.config.SourceText;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final EvaluationRequest REQUEST = new EvaluationRequest(
            "default", "key/test", "req-1", "alice", JsonNodeFactory.instance.objectNode().put("amount", 10));

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private AegisEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private Router start(TestAgents agents, Map<String, AgentConfig> configs, Duration deadline, PolicyConfig policy) {
        return start(agents, configs, deadline, policy, DecisionListener.NONE);
    }

    private Router start(TestAgents agents, Map<String, AgentConfig> configs, Duration deadline, PolicyConfig policy,
            DecisionListener decisions) {
        List<PipelineConfig.Member> members = configs.keySet().stream().map(PipelineConfig.Member::open).toList();
        EngineConfig config = new EngineConfig(configs, Map.of("risk", new PipelineConfig(deadline, members, policy)));
        engine = AegisEngine.start(config, TestAgents.environment(TimeSource.system()), meters, List.of(agents),
                decisions);
        return engine.router();
    }

    private static Map<String, AgentConfig> tests(String... names) {
        Map<String, AgentConfig> configs = new LinkedHashMap<>();
        for (String name : names) {
            configs.put(name, AgentConfig.defaults(TestAgents.TYPE));
        }
        return configs;
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void handsEveryDecisionToTheListenerWithItsRequest() {
        List<String> told = new CopyOnWriteArrayList<>();
        Router router = start(new TestAgents().with("a", TestAgents.scoring(0.2)), tests("a"), Duration.ofSeconds(1),
                PolicyConfig.allowAll(), new DecisionListener() {
                    @Override
                    public boolean accepting() {
                        return true;
                    }

                    @Override
                    public void decided(EvaluationRequest request, Evaluation evaluation) {
                        told.add(request.actor() + " " + request.requestId() + " " + evaluation.id());
                    }
                });

        Evaluation evaluation = router.evaluate("risk", REQUEST);

        assertThat(told).containsExactly("key/test req-1 " + evaluation.id());
    }

    @Test
    void refusesBeforeAnyAgentRunsWhenDecisionsCannotBeRecorded() {
        AtomicInteger calls = new AtomicInteger();
        Router router = start(new TestAgents().with("a", (input, context) -> {
            calls.incrementAndGet();
            return AgentOutcome.success(0.0, List.of());
        }), tests("a"), Duration.ofSeconds(1), PolicyConfig.allowAll(), new DecisionListener() {
            @Override
            public boolean accepting() {
                return false;
            }

            @Override
            public void decided(EvaluationRequest request, Evaluation evaluation) {
                throw new AssertionError("nothing may be decided");
            }
        });

        assertThatThrownBy(() -> router.evaluate("risk", REQUEST)).isInstanceOf(DecisionNotRecordedException.class);
        assertThat(calls).hasValue(0);
    }

    @Test
    void runsEveryAgentInParallel() {
        TestAgents agents = new TestAgents();
        for (String name : List.of("a", "b", "c", "d", "e")) {
            agents.with(name, TestAgents.sleeping(Duration.ofMillis(30), 0.1));
        }
        Router router = start(agents, tests("a", "b", "c", "d", "e"), Duration.ofSeconds(1), PolicyConfig.allowAll());
        router.evaluate("risk", REQUEST);

        long start = System.nanoTime();
        Evaluation evaluation = router.evaluate("risk", REQUEST);

        assertThat(millisSince(start)).isLessThan(120);
        assertThat(evaluation.agents()).extracting(AgentReport::status).containsOnly(AgentStatus.OK).hasSize(5);
        assertThat(evaluation.latencyMs()).isGreaterThanOrEqualTo(30.0);
    }

    @Test
    void anAgentStillRunningAtTheDeadlineIsTimeoutAndInterrupted() throws InterruptedException {
        Semaphore interruptions = new Semaphore(0);
        TestAgents agents = new TestAgents()
                .with("fast", TestAgents.scoring(0.3, "fast answer"))
                .with("sleepy", (input, context) -> {
                    try {
                        Thread.sleep(5_000);
                    } catch (InterruptedException e) {
                        interruptions.release();
                        throw e;
                    }
                    return AgentOutcome.success(1.0, List.of());
                });
        Map<String, AgentConfig> configs = tests("fast");
        configs.put("sleepy", AgentConfig.defaults(TestAgents.TYPE).withTimeout(Duration.ofSeconds(10)));
        Router router = start(agents, configs, Duration.ofMillis(50), PolicyConfig.allowAll());
        router.evaluate("risk", REQUEST);
        assertThat(interruptions.tryAcquire(1, TimeUnit.SECONDS)).as("the warm-up call was interrupted too").isTrue();

        long start = System.nanoTime();
        Evaluation evaluation = router.evaluate("risk", REQUEST);

        assertThat(millisSince(start)).isLessThan(50 + 20);
        assertThat(evaluation.agents()).extracting(AgentReport::agent, AgentReport::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("fast", AgentStatus.OK),
                        org.assertj.core.groups.Tuple.tuple("sleepy", AgentStatus.TIMEOUT));
        assertThat(evaluation.agents().get(1).latencyMs()).isPositive().isLessThanOrEqualTo(evaluation.latencyMs());
        assertThat(evaluation.reasons()).containsExactly("fast answer");
        assertThat(interruptions.tryAcquire(1, TimeUnit.SECONDS)).isTrue();
        assertThat(meters.get("aegis.agent.calls").tags("agent", "sleepy", "status", "TIMEOUT").timer().count())
                .isEqualTo(2);
    }

    @Test
    void thePolicyDecidesAndTheDecisionIsCounted() {
        PolicyConfig policy = new PolicyConfig(Optional.empty(), List.of(new PolicyConfig.Rule(
                new SourceText("score >= 0.5 && event.amount < 100 && subject == 'alice'", "aegis.yaml", 12),
                Decision.REVIEW, "risky")), Decision.ALLOW, Decision.BLOCK);
        Router router = start(new TestAgents()
                        .with("geo", TestAgents.scoring(0.6, "far"))
                        .with("model", TestAgents.scoring(0.2)),
                tests("geo", "model"), Duration.ofSeconds(1), policy);

        Evaluation evaluation = router.evaluate("risk", REQUEST);

        assertThat(evaluation.pipeline()).isEqualTo("risk");
        assertThat(evaluation.subject()).isEqualTo("alice");
        assertThat(evaluation.decision()).isEqualTo(Decision.REVIEW);
        assertThat(evaluation.score()).isEqualTo(0.6);
        assertThat(evaluation.reasons()).containsExactly("risky", "far");
        assertThat(evaluation.agents()).extracting(AgentReport::score)
                .containsExactly(Optional.of(0.6), Optional.of(0.2));
        assertThat(UUID.fromString(evaluation.id()).version()).isEqualTo(7);
        assertThat(meters.get("aegis.decisions").tags("pipeline", "risk", "decision", "REVIEW").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void aFailClosedAgentThatFailsRaisesTheDecision() {
        Map<String, AgentConfig> configs = tests("ip");
        EngineConfig config = new EngineConfig(configs, Map.of("risk", new PipelineConfig(Duration.ofSeconds(1),
                List.of(PipelineConfig.Member.closed("ip")),
                new PolicyConfig(Optional.empty(), List.of(), Decision.ALLOW, Decision.BLOCK))));
        engine = AegisEngine.start(config, TestAgents.environment(TimeSource.system()), meters,
                List.of(new TestAgents().with("ip", TestAgents.failing(false))));

        Evaluation evaluation = engine.router().evaluate("risk", REQUEST);

        assertThat(evaluation.decision()).isEqualTo(Decision.BLOCK);
        assertThat(evaluation.reasons()).containsExactly("ip unavailable (ERROR)");
    }

    @Test
    void anUnknownPipelineIsRefused() {
        Router router = start(new TestAgents().with("a", TestAgents.scoring(0.0)), tests("a"), Duration.ofSeconds(1),
                PolicyConfig.allowAll());

        assertThatThrownBy(() -> router.evaluate("nope", REQUEST))
                .isInstanceOf(UnknownPipelineException.class)
                .hasMessage("no pipeline named 'nope'");
    }

    @Test
    void listsPipelinesWithTheirMembersAndRules() {
        Router router = start(new TestAgents().with("a", TestAgents.scoring(0.0)), tests("a"), Duration.ofMillis(40),
                PolicyConfig.allowAll());

        assertThat(router.pipelines()).containsExactly(
                new PipelineView("risk", 40, List.of(PipelineConfig.Member.open("a")), 0));
    }

    @Test
    void startUpValidatesTheConfiguration() {
        EngineConfig config = new EngineConfig(tests("a"), Map.of("risk", new PipelineConfig(Duration.ofSeconds(1),
                List.of(PipelineConfig.Member.open("a"), PipelineConfig.Member.open("b")), PolicyConfig.allowAll())));

        assertThatThrownBy(() -> AegisEngine.start(config, TestAgents.environment(TimeSource.system()), meters,
                List.of(new TestAgents().with("a", TestAgents.scoring(0.0)))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("pipeline 'risk': agent 'b' is not configured (configured agents: a)");
    }

    @Test
    void aPolicyErrorStopsStartUp() {
        PolicyConfig.Rule rule = new PolicyConfig.Rule(new SourceText("score >", "aegis.yaml", 77), Decision.BLOCK, "x");
        PolicyConfig broken = new PolicyConfig(Optional.empty(), List.of(rule), Decision.ALLOW, Decision.REVIEW);

        assertThatThrownBy(() -> start(new TestAgents().with("a", TestAgents.scoring(0.0)), tests("a"),
                Duration.ofSeconds(1), broken))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("aegis.yaml:77: ");
    }
}
