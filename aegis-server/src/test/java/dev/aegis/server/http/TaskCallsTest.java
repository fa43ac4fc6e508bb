package dev.aegis.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskPage;
import dev.aegis.api.task.TaskQuery;
import dev.aegis.api.task.TaskStatus;
import dev.aegis.api.task.TaskStore;
import dev.aegis.api.task.TaskStoreException;
import dev.aegis.api.task.TaskTarget;
import dev.aegis.api.task.TaskUpdate;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.AegisEngine;
import dev.aegis.core.agent.RuntimeAgentEnvironment;
import dev.aegis.core.audit.Origin;
import dev.aegis.core.autoscale.AutoscalerConfig;
import dev.aegis.core.config.AgentConfig;
import dev.aegis.core.config.EngineConfig;
import dev.aegis.core.config.PipelineConfig;
import dev.aegis.core.config.PolicyConfig;
import dev.aegis.core.state.CaffeineAgentStateStore;
import dev.aegis.core.task.Backoff;
import dev.aegis.core.task.TaskRequest;
import dev.aegis.core.task.TaskService;
import dev.aegis.core.task.TaskTransitionListener;
import dev.aegis.core.task.TasksConfig;
import dev.aegis.core.task.WorkersConfig;
import dev.aegis.core.task.queue.InMemoryTaskQueue;
import dev.aegis.core.task.store.InMemoryTaskStore;
import io.helidon.http.HeaderNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskCallsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "acme";
    private static final Origin CALLER = Origin.node(TENANT, "test");
    private static final TaskQuery FIRST_PAGE =
            new TaskQuery(Optional.empty(), Optional.empty(), 50, Optional.empty());

    private final FailingTaskStore store = new FailingTaskStore();
    private AegisEngine engine;
    private TaskService service;
    private TaskCalls calls;

    @BeforeEach
    void start() {
        TimeSource time = TimeSource.system();
        EngineConfig config = new EngineConfig(Map.of("echo", AgentConfig.defaults("echo")), Map.of("check",
                new PipelineConfig(Duration.ofSeconds(1), List.of(PipelineConfig.Member.open("echo")),
                        PolicyConfig.allowAll())));
        engine = AegisEngine.start(config,
                new RuntimeAgentEnvironment(new CaffeineAgentStateStore(time, 1_000), time, Path.of(".")),
                new SimpleMeterRegistry());
        TasksConfig tasks = new TasksConfig("memory", 3, Duration.ofSeconds(5), 0,
                new Backoff(Duration.ofMillis(5), Duration.ofMillis(50), 2, 0.5),
                new WorkersConfig(0, Duration.ofSeconds(30), Duration.ofSeconds(10)), 100);
        AutoscalerConfig oneWorker = new AutoscalerConfig(1, 1, Duration.ofSeconds(15),
                AutoscalerConfig.defaults().metrics(), AutoscalerConfig.defaults().scaleUp(),
                AutoscalerConfig.defaults().scaleDown());
        service = TaskService.start(tasks, oneWorker, store, new InMemoryTaskQueue(time, 0), engine, time,
                new SimpleMeterRegistry(), TaskTransitionListener.NONE);
        calls = new TaskCalls(service);
    }

    @AfterEach
    void stop() {
        store.down = false;
        service.close();
        engine.close();
    }

    @Test
    void everyCallIsA503WithRetryAfterWhileTheStoreIsDown() {
        String id = calls.submit(CALLER, echo()).task().id();
        store.down = true;

        assertUnavailable(() -> calls.submit(CALLER, echo()));
        assertUnavailable(() -> calls.find(TENANT, id));
        assertUnavailable(() -> calls.list(TENANT, FIRST_PAGE));
        assertUnavailable(() -> calls.cancel(CALLER, id));
        store.down = false;
        assertThat(calls.list(TENANT, FIRST_PAGE).tasks()).extracting(Task::id).containsExactly(id);
    }

    @Test
    void aRequestTheServiceRefusesIsA400NamingTheField() {
        TaskRequest unknownAgent = TaskRequest.of(TaskTarget.agent("nope"), Priority.LOW, JSON.createObjectNode());
        TaskRequest noAttempts = new TaskRequest(TaskTarget.agent("echo"), Priority.LOW, JSON.createObjectNode(),
                Optional.empty(), Optional.of(0), Optional.empty());
        TaskRequest noTime = new TaskRequest(TaskTarget.agent("echo"), Priority.LOW, JSON.createObjectNode(),
                Optional.empty(), Optional.empty(), Optional.of(Duration.ZERO));

        assertThat(problem(() -> calls.submit(CALLER, unknownAgent)).field()).contains("agent");
        assertThat(problem(() -> calls.submit(CALLER, noAttempts)).field()).contains("max_attempts");
        assertThat(problem(() -> calls.submit(CALLER, noTime)).field()).contains("timeout_ms");
        assertThat(calls.list(TENANT, FIRST_PAGE).tasks()).isEmpty();
    }

    @Test
    void anUnknownTaskOrAnotherTenantsIsA404() {
        String id = calls.submit(CALLER, echo()).task().id();

        assertThat(problem(() -> calls.find(TENANT, "no-such-task")).type()).isEqualTo(ProblemType.NOT_FOUND);
        assertThat(problem(() -> calls.find("globex", id)).type()).isEqualTo(ProblemType.NOT_FOUND);
        assertThat(problem(() -> calls.cancel(Origin.node("globex", "test"), id)).type()).isEqualTo(ProblemType.NOT_FOUND);
    }

    @Test
    void cancellingATaskThatEndedIsA409ThatSaysHowItEnded() {
        String id = calls.submit(CALLER, echo()).task().id();
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.find(TENANT, id).status() == TaskStatus.SUCCEEDED);

        ProblemException conflict = problem(() -> calls.cancel(CALLER, id));

        assertThat(conflict.type()).isEqualTo(ProblemType.CONFLICT);
        assertThat(conflict.detail()).contains(id).contains("already SUCCEEDED");
    }

    private static void assertUnavailable(ThrowingCallable call) {
        ProblemException problem = problem(call);
        assertThat(problem.type()).isEqualTo(ProblemType.UNAVAILABLE);
        assertThat(problem.type().status().code()).isEqualTo(503);
        assertThat(problem.headers()).anySatisfy(header -> {
            assertThat(header.headerName()).isEqualTo(HeaderNames.RETRY_AFTER);
            assertThat(header.get()).isEqualTo("1");
        });
        assertThat(problem.detail()).doesNotContain("disk on fire");
    }

    private static ProblemException problem(ThrowingCallable call) {
        return catchThrowableOfType(ProblemException.class, call);
    }

    private static TaskRequest echo() {
        return TaskRequest.of(TaskTarget.agent("echo"), Priority.NORMAL, JSON.createObjectNode().put("n", 1));
    }

    /** An in-memory store that fails every call while {@code down}, as an unreachable database does. */
    private static final class FailingTaskStore implements TaskStore {

        private final InMemoryTaskStore delegate = new InMemoryTaskStore();
        private volatile boolean down;

        @Override
        public List<Task> create(List<Task> tasks) {
            requireUp();
            return delegate.create(tasks);
        }

        @Override
        public Set<String> update(List<TaskUpdate> updates) {
            requireUp();
            return delegate.update(updates);
        }

        @Override
        public Optional<Task> find(String tenant, String id) {
            requireUp();
            return delegate.find(tenant, id);
        }

        @Override
        public TaskPage list(String tenant, TaskQuery query) {
            requireUp();
            return delegate.list(tenant, query);
        }

        @Override
        public List<Task> unfinished(Optional<String> after, int limit) {
            requireUp();
            return delegate.unfinished(after, limit);
        }

        @Override
        public void close() {
            delegate.close();
        }

        private void requireUp() {
            if (down) {
                throw new TaskStoreException("disk on fire", null);
            }
        }
    }
}
