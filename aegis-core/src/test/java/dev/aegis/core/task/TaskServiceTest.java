package dev.aegis.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.api.task.IllegalTaskTransitionException;
import dev.aegis.api.task.Lease;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskQueue;
import dev.aegis.api.task.TaskStatus;
import dev.aegis.api.task.TaskStoreException;
import dev.aegis.api.task.TaskTarget;
import dev.aegis.api.task.TaskUpdate;
import dev.aegis.api.task.Transition;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.AegisEngine;
import dev.aegis.core.agent.RuntimeAgentEnvironment;
import dev.aegis.core.audit.Origin;
import dev.aegis.core.autoscale.AutoscalerConfig;
import dev.aegis.core.autoscale.MetricTarget;
import dev.aegis.core.autoscale.ScalingRules;
import dev.aegis.core.config.AgentConfig;
import dev.aegis.core.config.EngineConfig;
import dev.aegis.core.config.PipelineConfig;
import dev.aegis.core.config.PolicyConfig;
import dev.aegis.core.state.CaffeineAgentStateStore;
import dev.aegis.core.task.queue.InMemoryTaskQueue;
import dev.aegis.core.task.store.InMemoryTaskStore;
import dev.aegis.testkit.ManualClock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "acme";
    private static final Origin CALLER = new Origin(TENANT, "key/0123456789abcdef", Optional.of("req-1"));

    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<String> told = new CopyOnWriteArrayList<>();
    private AegisEngine engine;
    private TaskService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void twentyThousandEchoTasksAtMixedPrioritiesAllSucceed() {
        start(8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(service.submit(CALLER, echo(Priority.values()[i % 4], "{\"n\":" + i + "}")).task().id());
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> status(id) == TaskStatus.SUCCEEDED));
        Task last = service.find(TENANT, ids.getLast()).orElseThrow();
        assertThat(last.result().orElseThrow().get("payload")).isEqualTo(json("{\"n\":19999}"));
        assertThat(last.attempts()).isEqualTo(1);
    }

    @Test
    void aFlakyTaskThatFailsTwiceSucceedsOnItsThirdAttempt() {
        start(2);
        String id = service.submit(CALLER, flaky(2, 3)).task().id();

        Task done = awaitTerminal(id);

        assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(done.history()).extracting(Transition::status).containsExactly(TaskStatus.QUEUED,
                TaskStatus.RUNNING, TaskStatus.FAILED, TaskStatus.RUNNING, TaskStatus.FAILED, TaskStatus.RUNNING,
                TaskStatus.SUCCEEDED);
        assertThat(done.history().get(2).detail().orElseThrow()).contains("planned failure 1 of 2");
    }

    @Test
    void aTaskThatKeepsFailingIsDeadAfterItsLastAttempt() {
        start(2);
        String id = service.submit(CALLER, flaky(99, 3)).task().id();

        Task dead = awaitTerminal(id);

        assertThat(dead.status()).isEqualTo(TaskStatus.DEAD);
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.error().orElseThrow()).contains("planned failure 3 of 99").contains("attempt 3 of 3");
    }

    @Test
    void theSameIdempotencyKeyTwiceGivesOneTask() {
        start(2);
        TaskRequest request = new TaskRequest(TaskTarget.agent("echo"), Priority.NORMAL, json("{}"),
                Optional.of("order-7"), Optional.empty(), Optional.empty());

        Submission first = service.submit(CALLER, request);
        Submission second = service.submit(CALLER, request);

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.task().id()).isEqualTo(first.task().id());
    }

    @Test
    void aSubmissionTheQueueRefusedIsQueuedWhenTheClientRepeatsIt() {
        RefusingOnce queue = new RefusingOnce(new InMemoryTaskQueue(TimeSource.system(), 0));
        start(2, queue);
        queue.refuseNextOffer();
        TaskRequest request = new TaskRequest(TaskTarget.agent("echo"), Priority.NORMAL, json("{}"),
                Optional.of("order-8"), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> service.submit(CALLER, request)).isInstanceOf(TaskStoreException.class);
        Submission repeated = service.submit(CALLER, request);

        assertThat(repeated.created()).isFalse();
        assertThat(awaitTerminal(repeated.task().id()).status()).isEqualTo(TaskStatus.SUCCEEDED);
    }

    /** A queue that refuses one offer when told, as a Kafka queue does while Kafka is down. */
    private static final class RefusingOnce implements TaskQueue {
        private final TaskQueue queue;
        private volatile boolean refuse;

        RefusingOnce(TaskQueue queue) {
            this.queue = queue;
        }

        void refuseNextOffer() {
            refuse = true;
        }

        @Override
        public void offer(List<Task> tasks) {
            if (refuse) {
                refuse = false;
                throw new TaskStoreException("queue down", null);
            }
            queue.offer(tasks);
        }

        @Override
        public List<Lease> take(int max, Duration leaseFor, Duration wait) throws InterruptedException {
            return queue.take(max, leaseFor, wait);
        }

        @Override
        public boolean renew(Lease lease, Duration leaseFor) {
            return queue.renew(lease, leaseFor);
        }

        @Override
        public boolean acknowledge(Lease lease) {
            return queue.acknowledge(lease);
        }

        @Override
        public boolean remove(String taskId) {
            return queue.remove(taskId);
        }

        @Override
        public Map<Priority, Integer> readyDepth() {
            return queue.readyDepth();
        }

        @Override
        public int leased() {
            return queue.leased();
        }

        @Override
        public void close() {
            queue.close();
        }
    }

    @Test
    void aCriticalTaskSubmittedLastStartsBeforeEveryQueuedLowOne() {
        start(1);
        String blocker = service.submit(CALLER, sleep(300, Priority.LOW)).task().id();
        await().until(() -> status(blocker) == TaskStatus.RUNNING);
        List<String> lows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lows.add(service.submit(CALLER, echo(Priority.LOW, "{}")).task().id());
        }
        String critical = service.submit(CALLER, echo(Priority.CRITICAL, "{}")).task().id();

        awaitTerminal(lows.getLast());
        Instant criticalStart = startOf(critical);
        assertThat(lows).allSatisfy(low -> assertThat(startOf(low)).isAfterOrEqualTo(criticalStart));
    }

    @Test
    void anAttemptPastTheTaskTimeoutFailsAsATimeout() {
        start(2);
        TaskRequest request = new TaskRequest(TaskTarget.agent("sleep"), Priority.HIGH, json("{\"ms\":5000}"),
                Optional.empty(), Optional.of(1), Optional.of(Duration.ofMillis(100)));

        Task dead = awaitTerminal(service.submit(CALLER, request).task().id());

        assertThat(dead.status()).isEqualTo(TaskStatus.DEAD);
        assertThat(dead.error().orElseThrow()).startsWith("TIMEOUT");
    }

    @Test
    void aCancelledQueuedTaskNeverRunsAndATerminalOneCannotBeCancelled() {
        start(1);
        service.submit(CALLER, sleep(300, Priority.CRITICAL));
        String waiting = service.submit(CALLER, echo(Priority.LOW, "{}")).task().id();

        Task cancelled = service.cancel(CALLER, waiting).orElseThrow();

        assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(service.find(TENANT, waiting).orElseThrow().history()).extracting(Transition::status)
                .containsExactly(TaskStatus.QUEUED, TaskStatus.CANCELLED);
        assertThatThrownBy(() -> service.cancel(CALLER, waiting))
                .isInstanceOf(IllegalTaskTransitionException.class);
        assertThat(service.cancel(Origin.node("another-tenant", "test"), waiting)).isEmpty();
    }

    @Test
    void cancellingARunningTaskInterruptsItsAttempt() {
        start(1);
        String id = service.submit(CALLER, sleep(10_000, Priority.NORMAL)).task().id();
        await().until(() -> status(id) == TaskStatus.RUNNING);

        service.cancel(CALLER, id);

        String next = service.submit(CALLER, echo(Priority.NORMAL, "{}")).task().id();
        assertThat(awaitTerminal(next).status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(status(id)).isEqualTo(TaskStatus.CANCELLED);
    }

    @Test
    void everyStoredMoveIsToldOnceWithWhoMadeIt() {
        start(1);
        String id = service.submit(CALLER, flaky(1, 3)).task().id();
        awaitTerminal(id);
        String waiting = service.submit(CALLER, sleep(60_000, Priority.LOW)).task().id();
        service.cancel(CALLER, waiting);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(told).contains(
                waiting + " CANCELLED by key/0123456789abcdef Optional[req-1]"));
        assertThat(told).filteredOn(line -> line.startsWith(id) && !line.contains(" RUNNING ")).containsExactly(
                id + " QUEUED by key/0123456789abcdef Optional[req-1]",
                id + " FAILED by aegis/worker Optional.empty",
                id + " SUCCEEDED by aegis/worker Optional.empty");
    }

    @Test
    void aPipelineTaskAnswersTheEvaluation() {
        start(2);
        TaskRequest request = TaskRequest.of(TaskTarget.pipeline("check"), Priority.NORMAL,
                json("{\"subject\":\"alice\",\"event\":{\"amount\":5}}"));

        Task done = awaitTerminal(service.submit(CALLER, request).task().id());

        assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(done.result().orElseThrow().get("decision").asText()).isEqualTo("ALLOW");
        assertThat(done.result().orElseThrow().get("subject").asText()).isEqualTo("alice");
    }

    @Test
    void requestsForUnknownTargetsOrOutOfRangeLimitsAreRefusedAndStoreNothing() {
        start(1);

        assertThatThrownBy(() -> service.submit(CALLER, TaskRequest.of(TaskTarget.agent("nope"), Priority.LOW,
                json("{}")))).isInstanceOf(InvalidTaskException.class).hasMessageContaining("unknown agent 'nope'");
        assertThatThrownBy(() -> service.submit(CALLER, TaskRequest.of(TaskTarget.pipeline("check"), Priority.LOW,
                json("{\"event\":{}}")))).hasMessageContaining("input.subject");
        assertThatThrownBy(() -> service.submit(CALLER, new TaskRequest(TaskTarget.agent("echo"), Priority.LOW,
                json("{}"), Optional.empty(), Optional.of(0), Optional.empty())))
                .extracting(e -> ((InvalidTaskException) e).field()).isEqualTo("max_attempts");
        assertThat(store.unfinished(Optional.empty(), 10)).isEmpty();
    }

    @Test
    void aTaskLeftRunningByAStoppedNodeRunsAgainWhenTheServiceStarts() {
        Instant then = Instant.parse("2026-01-01T00:00:00Z");
        Task running = Task.create("01JZZZZZZZZZZZZZZZZZZZZZZZ", TENANT, TaskTarget.agent("echo"), Priority.NORMAL,
                json("{}"), Optional.empty(), 3, Duration.ofSeconds(5), then).started(then);
        store.create(List.of(Task.create(running.id(), TENANT, running.target(), running.priority(),
                running.input(), Optional.empty(), 3, Duration.ofSeconds(5), then)));
        store.update(List.of(TaskUpdate.of(running)));

        start(1);

        Task done = awaitTerminal(running.id());
        assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.history().get(2).detail().orElseThrow()).contains("interrupted");
    }

    @Test
    void aTaskWhoseLeaseExpiredRunsAgainAndItsLostAttemptIsRecorded() {
        ManualClock queueClock = new ManualClock(Instant.now().plusSeconds(60));
        start(2, new InMemoryTaskQueue(queueClock, 0));
        String id = service.submit(CALLER, sleep(1_000, Priority.NORMAL)).task().id();
        await().until(() -> status(id) == TaskStatus.RUNNING);

        queueClock.advance(Duration.ofSeconds(31));

        Task done = awaitTerminal(id);
        assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.history()).extracting(Transition::status).containsExactly(TaskStatus.QUEUED,
                TaskStatus.RUNNING, TaskStatus.FAILED, TaskStatus.RUNNING, TaskStatus.SUCCEEDED);
        assertThat(done.history().get(2).detail().orElseThrow()).contains("lost its lease");
    }

    private void start(int workers) {
        start(workers, new InMemoryTaskQueue(TimeSource.system(), 0));
    }

    @Test
    void theAutoscalerGrowsThePoolUnderABacklogAndShrinksItWhenIdle() {
        AutoscalerConfig quick = new AutoscalerConfig(1, 4, Duration.ofMillis(200),
                List.of(MetricTarget.averageValue(AutoscalerConfig.QUEUE_DEPTH, 2)),
                ScalingRules.hpaDefaultScaleUp(), ScalingRules.hpaDefaultScaleDown()
                        .withStabilizationWindow(Duration.ofMillis(500)));
        start(quick, new InMemoryTaskQueue(TimeSource.system(), 0));
        Gauge workers = meters.get("aegis.tasks.workers").gauge();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(service.submit(CALLER, sleep(200, Priority.NORMAL)).task().id());
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> workers.value() == 4);
        ids.forEach(this::awaitTerminal);
        await().atMost(Duration.ofSeconds(10)).until(() -> workers.value() == 1);
        assertThat(meters.get("aegis.autoscaler.scale.events").tag("direction", "up").counter().count())
                .isPositive();
    }

    private void start(int workers, TaskQueue queue) {
        start(new AutoscalerConfig(workers, workers, Duration.ofSeconds(15), AutoscalerConfig.defaults().metrics(),
                AutoscalerConfig.defaults().scaleUp(), AutoscalerConfig.defaults().scaleDown()), queue);
    }

    private void start(AutoscalerConfig autoscaling, TaskQueue queue) {
        Map<String, AgentConfig> agents = Map.of(
                "echo", AgentConfig.defaults("echo"),
                "flaky", AgentConfig.defaults("flaky"),
                "sleep", AgentConfig.defaults("sleep").withTimeout(Duration.ofSeconds(60)).withMaxConcurrent(100));
        EngineConfig config = new EngineConfig(agents, Map.of("check", new PipelineConfig(Duration.ofSeconds(1),
                List.of(PipelineConfig.Member.open("echo")), PolicyConfig.allowAll())));
        TimeSource time = TimeSource.system();
        engine = AegisEngine.start(config,
                new RuntimeAgentEnvironment(new CaffeineAgentStateStore(time, 10_000), time, Path.of(".")),
                new SimpleMeterRegistry());
        TasksConfig tasks = new TasksConfig("memory", 3, Duration.ofSeconds(30), 0,
                new Backoff(Duration.ofMillis(5), Duration.ofMillis(50), 2, 0.5),
                new WorkersConfig(0, Duration.ofSeconds(30), Duration.ofSeconds(10)), 1_000);
        service = TaskService.start(tasks, autoscaling, store, queue, engine, time, meters,
                (task, moves, origin) -> moves.forEach(move -> told.add(
                        task.id() + " " + move.status() + " by " + origin.actor() + " " + origin.requestId())));
    }

    private TaskStatus status(String id) {
        return service.find(TENANT, id).orElseThrow().status();
    }

    private Task awaitTerminal(String id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).terminal());
        return service.find(TENANT, id).orElseThrow();
    }

    private Instant startOf(String id) {
        return service.find(TENANT, id).orElseThrow().history().stream()
                .filter(t -> t.status() == TaskStatus.RUNNING).findFirst().orElseThrow().at();
    }

    private static TaskRequest echo(Priority priority, String input) {
        return TaskRequest.of(TaskTarget.agent("echo"), priority, json(input));
    }

    private static TaskRequest sleep(int ms, Priority priority) {
        return TaskRequest.of(TaskTarget.agent("sleep"), priority, json("{\"ms\":" + ms + "}"));
    }

    private static TaskRequest flaky(int failTimes, int maxAttempts) {
        return new TaskRequest(TaskTarget.agent("flaky"), Priority.NORMAL, json("{\"fail_times\":" + failTimes + "}"),
                Optional.empty(), Optional.of(maxAttempts), Optional.empty());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
