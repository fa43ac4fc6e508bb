package dev.aegis.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.TaskQueue;
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

/**
 * The task workload the task benchmarks share: a {@link TaskService} on a fixed pool of workers over the store and
 * queue a benchmark gives, {@value #BATCH} no-op ({@code echo}) tasks at mixed priorities per round, submitted by
 * {@value #SUBMITTERS} concurrent callers (each submit returns once its task is stored), a round ending when all
 * of them are SUCCEEDED in the store.
 */
final class TaskWorkload implements AutoCloseable {

    static final int BATCH = 20_000;
    static final int SUBMITTERS = 256;
    static final double LOWER_PRIORITY_SHARE = 0.05;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Origin CALLER = Origin.node("bench", "benchmark");

    private final Path dataDir;
    private final AegisEngine engine;
    private final TaskService service;
    private final Counter succeeded;
    private final ExecutorService submitters = Executors.newVirtualThreadPerTaskExecutor();
    private final List<TaskRequest> requests = requests();

    /** Where the tasks of a workload are stored and queued; the workload's service closes both. */
    interface Backend {
        TaskStore store(Path dataDir);

        TaskQueue queue(TimeSource time);
    }

    private TaskWorkload(Path dataDir, AegisEngine engine, TaskService service, Counter succeeded) {
        this.dataDir = dataDir;
        this.engine = engine;
        this.service = service;
        this.succeeded = succeeded;
    }

    /**
     * Starts the engine (one {@code echo} agent) and the service on {@code workers} workers that take
     * {@code 1 + prefetch} tasks at a time; {@code storeName} is the {@code tasks.store} the config names.
     */
    static TaskWorkload start(String storeName, int workers, int prefetch, Backend backend) throws IOException {
        TimeSource time = TimeSource.system();
        Path dataDir = Files.createTempDirectory("aegis-task-bench");
        AegisEngine engine = AegisEngine.start(
                new EngineConfig(Map.of("echo", AgentConfig.defaults("echo")), Map.of()),
                new RuntimeAgentEnvironment(new CaffeineAgentStateStore(time, 1_000), time, dataDir),
                new SimpleMeterRegistry());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TaskService service = TaskService.start(tasksConfig(storeName, prefetch), fixedPool(workers),
                backend.store(dataDir), backend.queue(time), engine, time, meters, TaskTransitionListener.NONE);
        Counter succeeded = meters.get("aegis.tasks.transitions").tag("status", "succeeded").counter();
        return new TaskWorkload(dataDir, engine, service, succeeded);
    }

    private static List<TaskRequest> requests() {
        List<TaskRequest> requests = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            ObjectNode input = JSON.createObjectNode().put("n", i);
            requests.add(TaskRequest.of(TaskTarget.agent("echo"), Priority.values()[i % 4], input));
        }
        return requests;
    }

    private static TasksConfig tasksConfig(String storeName, int prefetch) {
        return new TasksConfig(storeName, 3, Duration.ofSeconds(30), LOWER_PRIORITY_SHARE,
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 2, 0.5),
                new WorkersConfig(prefetch, Duration.ofSeconds(30), Duration.ofSeconds(10)), 4_096);
    }

    private static AutoscalerConfig fixedPool(int workers) {
        AutoscalerConfig defaults = AutoscalerConfig.defaults();
        return new AutoscalerConfig(workers, workers, defaults.syncPeriod(), defaults.metrics(), defaults.scaleUp(),
                defaults.scaleDown());
    }

    /** Submits {@value #BATCH} tasks and returns once all of them are SUCCEEDED in the store. */
    void submitAndComplete() throws InterruptedException, ExecutionException {
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

    /** Stops the service (closing its store and queue) and the engine, and deletes the data folder. */
    @Override
    public void close() {
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
