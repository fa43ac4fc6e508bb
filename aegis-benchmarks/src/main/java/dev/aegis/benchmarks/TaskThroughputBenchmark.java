package dev.aegis.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.TaskStore;
import dev.aegis.api.task.TaskTarget;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.AegisEngine;
import dev.aegis.core.agent.RuntimeAgentEnvironment;
import dev.aegis.core.audit.Origin;
import dev.aegis.core.autoscale.AutoscalerConfig;
import dev.aegis.core.config.AgentConfig;
import dev.aegis.core.config.EngineConfig;
import dev.aegis.core.state.CaffeineAgentStateStore;
import dev.aegis.core.task.Backoff;
import dev.aegis.core.task.TaskRequest;
import dev.aegis.core.task.TaskService;
import dev.aegis.core.task.TaskTransitionListener;
import dev.aegis.core.task.TasksConfig;
import dev.aegis.core.task.WorkersConfig;
import dev.aegis.core.task.queue.InMemoryTaskQueue;
import dev.aegis.core.task.store.InMemoryTaskStore;
import dev.aegis.jdbc.task.JdbcTaskStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * End-to-end task throughput in one JVM: each invocation submits {@value #BATCH} no-op ({@code echo}) tasks at mixed
 * priorities from {@value #SUBMITTERS} concurrent callers (each submit returns once its task is stored) and waits
 * until all of them are SUCCEEDED in the store. The score is tasks per second, submit through completion.
 * {@code store=embedded} is the default H2 file store; {@code memory} shows the cost of everything but the disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TaskThroughputBenchmark {

    static final int BATCH = 20_000;
    static final int SUBMITTERS = 256;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Origin CALLER = Origin.node("bench", "benchmark");

    @Param({"embedded", "memory"})
    public String store;

    @Param({"16"})
    public int workers;

    private Path dataDir;
    private AegisEngine engine;
    private TaskService service;
    private Counter succeeded;
    private ExecutorService submitters;
    private List<TaskRequest> requests;

    @Setup(Level.Trial)
    public void start() throws IOException {
        TimeSource time = TimeSource.system();
        dataDir = Files.createTempDirectory("aegis-task-bench");
        engine = AegisEngine.start(new EngineConfig(Map.of("echo", AgentConfig.defaults("echo")), Map.of()),
                new RuntimeAgentEnvironment(new CaffeineAgentStateStore(time, 1_000), time, dataDir),
                new SimpleMeterRegistry());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        service = TaskService.start(tasksConfig(), fixedPool(workers), taskStore(), new InMemoryTaskQueue(time, 0.05),
                engine, time, meters, TaskTransitionListener.NONE);
        succeeded = meters.get("aegis.tasks.transitions").tag("status", "succeeded").counter();
        submitters = Executors.newVirtualThreadPerTaskExecutor();
        requests = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            ObjectNode input = JSON.createObjectNode().put("n", i);
            requests.add(TaskRequest.of(TaskTarget.agent("echo"), Priority.values()[i % 4], input));
        }
    }

    private TaskStore taskStore() {
        return "embedded".equals(store) ? JdbcTaskStore.h2(dataDir) : new InMemoryTaskStore();
    }

    private TasksConfig tasksConfig() {
        return new TasksConfig(store, 3, Duration.ofSeconds(30), 0.05,
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 2, 0.5),
                new WorkersConfig(0, Duration.ofSeconds(30), Duration.ofSeconds(10)), 4_096);
    }

    private static AutoscalerConfig fixedPool(int workers) {
        AutoscalerConfig defaults = AutoscalerConfig.defaults();
        return new AutoscalerConfig(workers, workers, defaults.syncPeriod(), defaults.metrics(), defaults.scaleUp(),
                defaults.scaleDown());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void submitAndComplete() throws InterruptedException, ExecutionException {
        double target = succeeded.count() + BATCH;
        List<Future<?>> calls = new ArrayList<>(SUBMITTERS);
        for (int s = 0; s < SUBMITTERS; s++) {
            int from = s;
            calls.add(submitters.submit(() -> {
                for (int i = from; i < BATCH; i += SUBMITTERS) {
                    service.submit(CALLER, requests.get(i));
                }
            }));
        }
        for (Future<?> call : calls) {
            call.get();
        }
        while (succeeded.count() < target) {
            Thread.sleep(1);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        submitters.close();
        service.close();
        engine.close();
        deleteQuietly(dataDir);
    }

    private static void deleteQuietly(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
