package dev.aegis.benchmarks;

import dev.aegis.api.index.MetadataIndex;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.AegisEngine;
import dev.aegis.core.audit.AuditTrail;
import dev.aegis.core.audit.DecisionRecorder;
import dev.aegis.core.audit.file.FileAuditLog;
import dev.aegis.core.audit.file.FileAuditSettings;
import dev.aegis.core.router.DecisionListener;
import dev.aegis.core.router.DecisionNotRecordedException;
import dev.aegis.core.router.Evaluation;
import dev.aegis.core.router.EvaluationRequest;
import dev.aegis.core.router.Router;
import dev.aegis.jdbc.index.JdbcMetadataIndex;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What recording decisions costs at saturation: evaluations per second through the login-risk pipeline shape
 * (five agents that answer at once) from four virtual-thread callers, with {@code recording} off, into the file
 * audit log ({@code audit}, fsync per group), and into the audit log and the embedded H2 metadata index
 * ({@code audit+index}). The callers saturate both cores, so the writer threads compete with them for CPU, as
 * they would in a node. The agents cost nothing here, so an evaluation is far cheaper than in a node and the
 * writer's rate, not the callers', can become the limit: a refusal (the audit log behind) is retried.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseZGC")
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class AuditOverheadBenchmark {

    private static final int BATCH = 100;

    @Param({"off", "audit", "audit+index"})
    public String recording;

    private Path folder;
    private AuditTrail trail;
    private DecisionRecorder recorder;
    private AegisEngine engine;
    private ExecutorService callers;
    private Router router;
    private EvaluationRequest request;

    @Setup(Level.Trial)
    public void start() throws IOException {
        TimeSource time = TimeSource.system();
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        folder = Files.createTempDirectory("aegis-audit-bench");
        trail = recording.equals("off") ? AuditTrail.off() : AuditTrail.start(
                FileAuditLog.open(FileAuditSettings.defaults(folder.resolve("audit")), time),
                AuditTrail.Settings.defaults(), meters);
        Optional<MetadataIndex> index = recording.equals("audit+index")
                ? Optional.of(JdbcMetadataIndex.h2(folder.resolve("index"), Duration.ofDays(90)))
                : Optional.empty();
        recorder = DecisionRecorder.start(trail, index, DecisionRecorder.Settings.defaults(), time, meters);
        DecisionListener decisions = recording.equals("off") ? DecisionListener.NONE : recorder;
        engine = AegisEngine.start(LoginRiskFixture.config(), new LoginRiskFixture.Environment(time), meters,
                List.of(new LoginRiskFixture.NoOpAgents()), decisions);
        router = engine.router();
        request = new EvaluationRequest("default", "key/bench", "bench", "alice", LoginRiskFixture.event());
        callers = Executors.newVirtualThreadPerTaskExecutor();
    }

    @TearDown(Level.Trial)
    public void stop() {
        callers.close();
        engine.close();
        recorder.close();
        trail.close();
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Evaluations per second, each virtual thread running {@value #BATCH} in a row. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    @Threads(4)
    public Evaluation evaluateAtSaturation() throws InterruptedException, ExecutionException {
        return callers.submit(this::batch).get();
    }

    /** Evaluates {@value #BATCH} times; a refusal because the audit log is behind is tried again, as a client would. */
    private Evaluation batch() {
        Evaluation last = null;
        for (int i = 0; i < BATCH; i++) {
            last = evaluateUntilAccepted();
        }
        return last;
    }

    private Evaluation evaluateUntilAccepted() {
        while (true) {
            try {
                return router.evaluate(LoginRiskFixture.PIPELINE, request);
            } catch (DecisionNotRecordedException refused) {
                Thread.yield();
            }
        }
    }
}
