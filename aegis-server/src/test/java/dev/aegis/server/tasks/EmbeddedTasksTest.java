package dev.aegis.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskStatus;
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
import dev.aegis.jdbc.task.JdbcTaskStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task bars on the embedded default itself: the task service over the H2 file store, as `serve` wires it. */
class EmbeddedTasksTest {

    private static final int TASKS = 20_000;

    @TempDir
    Path dataDir;

    @Test
    void twentyThousandEchoTasksAtMixedPrioritiesAllSucceedOnTheH2Store() throws Exception {
        TimeSource time = TimeSource.system();
        try (AegisEngine engine = echoEngine(time);
                TaskService service = TaskService.start(tasksConfig(), fixedPool(16), JdbcTaskStore.h2(dataDir),
                        new InMemoryTaskQueue(time, 0.05), engine, time, new SimpleMeterRegistry(),
                        TaskTransitionListener.NONE)) {
            List<String> ids = submitAll(service);

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ids.stream().allMatch(id -> status(service, id) == TaskStatus.SUCCEEDED));
            Task last = service.find("acme", ids.getLast()).orElseThrow();
            assertThat(last.attempts()).isEqualTo(1);
            assertThat(last.result().orElseThrow().get("payload").get("n").asInt()).isEqualTo(TASKS - 1);
        }
    }

    private static List<String> submitAll(TaskService service) throws Exception {
        List<String> ids = new ArrayList<>(TASKS);
        try (ExecutorService submitters = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> submitted = new ArrayList<>(TASKS);
            for (int i = 0; i < TASKS; i++) {
                TaskRequest request = TaskRequest.of(TaskTarget.agent("echo"), Priority.values()[i % 4],
                        JsonNodeFactory.instance.objectNode().put("n", i));
                submitted.add(submitters.submit(() -> service.submit(Origin.node("acme", "test"), request).task().id()));
            }
            for (Future<String> id : submitted) {
                ids.add(id.get());
            }
        }
        return ids;
    }

    private static TaskStatus status(TaskService service, String id) {
        return service.find("acme", id).orElseThrow().status();
    }

    private static AegisEngine echoEngine(TimeSource time) {
        return AegisEngine.start(new EngineConfig(Map.of("echo", AgentConfig.defaults("echo")), Map.of()),
                new RuntimeAgentEnvironment(new CaffeineAgentStateStore(time, 1_000), time, Path.of(".")),
                new SimpleMeterRegistry());
    }

    private static TasksConfig tasksConfig() {
        return new TasksConfig("embedded", 3, Duration.ofSeconds(30), 0.05,
                new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1), 2, 0.5),
                new WorkersConfig(0, Duration.ofSeconds(30), Duration.ofSeconds(10)), 4_096);
    }

    private static AutoscalerConfig fixedPool(int workers) {
        AutoscalerConfig defaults = AutoscalerConfig.defaults();
        return new AutoscalerConfig(workers, workers, defaults.syncPeriod(), defaults.metrics(), defaults.scaleUp(),
                defaults.scaleDown());
    }
}
