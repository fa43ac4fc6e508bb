package dev.aegis.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.core.config.PipelineConfig;
import dev.aegis.core.policy.Policy;
import dev.aegis.core.policy.Verdict;
import dev.aegis.core.router.AgentReport;
import dev.aegis.core.router.AgentStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One policy decision over five agents' reports with the four login-risk rules: {@code allow} tries every rule
 * and ends on {@code otherwise}; {@code block} stops at the first rule.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PolicyBenchmark {

    private Policy policy;
    private List<AgentReport> harmless;
    private List<AgentReport> denied;
    private JsonNode event;

    @Setup(Level.Trial)
    public void compile() {
        PipelineConfig pipeline = LoginRiskFixture.config().pipelines().get(LoginRiskFixture.PIPELINE);
        policy = Policy.compile(LoginRiskFixture.PIPELINE, pipeline, new SimpleMeterRegistry());
        harmless = reports(0.1);
        denied = reports(1.0);
        event = LoginRiskFixture.event();
    }

    private static List<AgentReport> reports(double score) {
        return LoginRiskFixture.AGENTS.stream()
                .map(agent -> new AgentReport(agent, AgentStatus.OK, Optional.of(score), List.of("checked"), 0.1))
                .toList();
    }

    @Benchmark
    public Verdict allow() {
        return policy.decide(harmless, "alice", event);
    }

    @Benchmark
    public Verdict block() {
        return policy.decide(denied, "alice", event);
    }
}
