package dev.aegis.benchmarks;

import dev.aegis.api.time.TimeSource;
import dev.aegis.core.AegisEngine;
import dev.aegis.core.audit.AuditTrail;
import dev.aegis.core.audit.DecisionRecorder;
import dev.aegis.core.audit.file.FileAuditLog;
import dev.aegis.core.audit.file.FileAuditSettings;
import dev.aegis.core.audit.file.SyncPolicy;
import dev.aegis.core.router.Evaluation;
import dev.aegis.core.router.EvaluationRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What recording one decision costs, all of it: {@value #DECISIONS} real login-risk decisions (five reasons, five
 * agents) handed to the audit trail by one caller, then the trail closed, which waits until the writer has built,
 * encoded, hashed, written and (under {@code sync=batch}) fsynced every record. The score is time per decision;
 * set beside a node's CPU per evaluate it gives the share recording takes at saturation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseZGC")
@Warmup(iterations = 5)
@Measurement(iterations = 10)
public class AuditAppendBenchmark {

    private static final int DECISIONS = 100_000;

    @Param({"batch", "none"})
    public String sync;

    private AegisEngine engine;
    private EvaluationRequest request;
    private Evaluation evaluation;
    private Path folder;
    private AuditTrail trail;
    private DecisionRecorder recorder;

    @Setup(Level.Trial)
    public void evaluateOnce() {
        TimeSource time = TimeSource.system();
        engine = AegisEngine.start(LoginRiskFixture.config(), new LoginRiskFixture.Environment(time),
                new SimpleMeterRegistry(), List.of(new LoginRiskFixture.NoOpAgents()));
        request = new EvaluationRequest("default", "key/bench", "bench", "alice", LoginRiskFixture.event());
        evaluation = engine.router().evaluate(LoginRiskFixture.PIPELINE, request);
    }

    @Setup(Level.Invocation)
    public void openLog() throws IOException {
        TimeSource time = TimeSource.system();
        folder = Files.createTempDirectory("aegis-audit-append");
        FileAuditSettings settings = new FileAuditSettings(folder, "local", SyncPolicy.parse(sync),
                Duration.ofMillis(200), FileAuditSettings.DEFAULT_SEGMENT_BYTES);
        trail = AuditTrail.start(FileAuditLog.open(settings, time), new AuditTrail.Settings(DECISIONS + 1, 4_096,
                Duration.ofMillis(20), Duration.ofSeconds(1), Duration.ofSeconds(10)), new SimpleMeterRegistry());
        recorder = DecisionRecorder.start(trail, Optional.empty(), DecisionRecorder.Settings.defaults(), time,
                new SimpleMeterRegistry());
    }

    @TearDown(Level.Invocation)
    public void deleteLog() {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        engine.close();
    }

    /** Records the decisions and waits until every one is in the file. */
    @Benchmark
    @OperationsPerInvocation(DECISIONS)
    public void recordAndDrain() {
        for (int i = 0; i < DECISIONS; i++) {
            recorder.decided(request, evaluation);
        }
        recorder.close();
        trail.close();
    }
}
