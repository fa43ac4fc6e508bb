package dev.aegis.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.AegisEngine;
import dev.aegis.core.router.Evaluation;
import dev.aegis.core.router.EvaluationRequest;
import dev.aegis.core.router.Router;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The router's overhead: one evaluate through the login-risk pipeline shape whose five agents answer at once.
 * Everything but the agents' own work is measured: the guards (circuit breaker, bulkhead, time limiter), five
 * virtual threads, the wait, the CEL policy, the metrics (a Prometheus registry, as the server uses).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RouterBenchmark {

    private static final int BATCH = 100;

    private AegisEngine engine;
    private ExecutorService callers;
    private Router router;
    private EvaluationRequest request;

    @Setup(Level.Trial)
    public void start() {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        engine = AegisEngine.start(LoginRiskFixture.config(), new LoginRiskFixture.Environment(TimeSource.system()),
                meters, List.of(new LoginRiskFixture.NoOpAgents()));
        router = engine.router();
        JsonNode event = LoginRiskFixture.event();
        request = new EvaluationRequest("default", "key/bench", "bench", "alice", event);
        callers = Executors.newVirtualThreadPerTaskExecutor();
    }

    @TearDown(Level.Trial)
    public void stop() {
        callers.close();
        engine.close();
    }

    /**
     * One caller on a platform thread (JMH's own): besides the router's work, this pays for the operating system
     * parking and waking that thread and the virtual-thread carriers on every call.
     */
    @Benchmark
    public Evaluation evaluateOnPlatformThread() {
        return router.evaluate(LoginRiskFixture.PIPELINE, request);
    }

    /**
     * The router's overhead as the HTTP server sees it: evaluate called from a virtual thread (Helidon runs each
     * request on one), so the agents' virtual threads start and finish on the carriers without waking other
     * threads. One virtual thread runs {@value #BATCH} evaluations in a row, so the cost of starting it is left out.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Evaluation evaluateOnVirtualThread() throws InterruptedException, ExecutionException {
        return callers.submit(this::batch).get();
    }

    /**
     * Evaluations per second with four virtual-thread callers at once: the router's capacity on this machine
     * when agents cost nothing (the ceiling for {@code evaluate} before HTTP and the agents' own work).
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    @Threads(4)
    public Evaluation throughputOnFourVirtualThreads() throws InterruptedException, ExecutionException {
        return callers.submit(this::batch).get();
    }

    private Evaluation batch() {
        Evaluation last = null;
        for (int i = 0; i < BATCH; i++) {
            last = router.evaluate(LoginRiskFixture.PIPELINE, request);
        }
        return last;
    }

    /** Four platform-thread callers at once on the same engine: the same, under contention for the cores. */
    @Benchmark
    @Threads(4)
    public Evaluation evaluateFourPlatformCallers() {
        return router.evaluate(LoginRiskFixture.PIPELINE, request);
    }
}
