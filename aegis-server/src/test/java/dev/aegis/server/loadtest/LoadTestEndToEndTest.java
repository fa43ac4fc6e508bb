package dev.aegis.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.api.AegisException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real runs over HTTP against a small Helidon server on 127.0.0.1: it evaluates, and accepts tasks that it completes
 * 300 ms later, counting them in its metrics.
 */
class LoadTestEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TASK_MILLIS = 300;

    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger metricsStatus = new AtomicInteger(200);
    private final AtomicLong succeeded = new AtomicLong(1_000);
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService tasks = Executors.newSingleThreadScheduledExecutor();
    private WebServer server;

    @BeforeEach
    void startServer() {
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.post("/v1/pipelines/{name}/evaluate", this::evaluate)
                        .post("/v1/tasks", this::submit)
                        .get("/metrics", this::metrics))
                .build()
                .start();
    }

    @AfterEach
    void stopServer() {
        server.stop();
        tasks.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(LoadTestPlan.Client.class)
    void everyMeasuredRequestIsAnsweredCountedAndTimed(LoadTestPlan.Client client) throws IOException {
        LoadTestReport report = LoadTest.run(plan(200, Duration.ofSeconds(1), Duration.ofMillis(250),
                OptionalLong.empty(), client), Optional.empty());

        assertThat(report.requests()).isEqualTo(new RequestCounts(200, 200, 200, 0, 0, 0, 0));
        assertThat(report.latency().count()).isEqualTo(200);
        assertThat(report.latency().p50()).isPositive();
        assertThat(report.statusCodes()).containsExactly(Map.entry(200, 200L));
        assertThat(report.throughput()).isBetween(150.0, 250.0);
        assertThat(report.measured()).isBetween(Duration.ofMillis(800), Duration.ofMillis(1_500));
        assertThat(received).hasSize(250);
        Received first = received.peek();
        assertThat(first.path()).isEqualTo("/v1/pipelines/login-risk/evaluate");
        assertThat(first.authorization()).isEqualTo("Bearer test-key");
        JsonNode body = JSON.readTree(first.body());
        assertThat(body.path("subject").asText()).startsWith("user-");
        assertThat(body.path("event").path("ip").isTextual()).isTrue();
    }

    @Test
    void serverErrorsAreCountedAsErrorsAndFailTheErrorRate() {
        status.set(500);

        LoadTestReport report = LoadTest.run(plan(200, Duration.ofMillis(500), Duration.ZERO, OptionalLong.empty()),
                Optional.empty());

        assertThat(report.requests().completed()).isEqualTo(100);
        assertThat(report.requests().non2xx()).isEqualTo(100);
        assertThat(report.requests().errorRate()).isEqualTo(1.0);
        assertThat(report.statusCodes()).containsExactly(Map.entry(500, 100L));
        assertThat(report.checks()).filteredOn(check -> check.name().equals("error rate"))
                .singleElement().extracting(SloCheck::pass).isEqualTo(false);
    }

    @Test
    void maxRequestsBoundsTheRunHowEverLongTheDuration() {
        LoadTestReport report = LoadTest.run(plan(1_000, Duration.ofSeconds(30), Duration.ZERO, OptionalLong.of(150)),
                Optional.empty());

        assertThat(report.requests().ok()).isEqualTo(150);
        assertThat(received).hasSize(150);
        assertThat(report.measured()).isLessThan(Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @EnumSource(LoadTestPlan.Client.class)
    void refusedConnectionsAreIoErrorsWithTheirReason(LoadTestPlan.Client client) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LoadTestPlan plan = plan(URI.create("http://127.0.0.1:" + closedPort), 100, Duration.ofMillis(200), client);

        LoadTestReport report = LoadTest.run(plan, Optional.empty());

        assertThat(report.requests().ioErrors()).isEqualTo(20);
        assertThat(report.requests().errors()).isEqualTo(20);
        assertThat(report.firstIoError()).hasValueSatisfying(error -> assertThat(error).contains("ConnectException"));
    }

    @Test
    void theProgressLineIsWrittenWhileRunning() {
        java.io.ByteArrayOutputStream progress = new java.io.ByteArrayOutputStream();

        LoadTest.run(plan(100, Duration.ofMillis(1_100), Duration.ZERO, OptionalLong.empty()),
                Optional.of(new java.io.PrintStream(progress, true, java.nio.charset.StandardCharsets.UTF_8)));

        List<String> lines = List.of(progress.toString(java.nio.charset.StandardCharsets.UTF_8).split("\r"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("1s/1s", "measuring", "sent"));
        assertThat(lines.getLast()).contains("done 110", "errors 0").endsWith(System.lineSeparator());
    }

    @ParameterizedTest
    @EnumSource(LoadTestPlan.Client.class)
    void inTaskModeEverySubmitIsAcceptedAndTheReportSaysHowFastTheTasksCompleted(LoadTestPlan.Client client)
            throws IOException {
        status.set(202);

        LoadTestReport report = LoadTest.run(taskPlan(client), Optional.empty());

        assertThat(report.requests()).isEqualTo(new RequestCounts(100, 100, 100, 0, 0, 0, 0));
        assertThat(report.statusCodes()).containsExactly(Map.entry(202, 100L));
        assertThat(report.tasks()).hasValueSatisfying(tasks -> {
            assertThat(tasks.accepted()).isEqualTo(100);
            assertThat(tasks.completed()).isEqualTo(100);
            assertThat(tasks.span()).isBetween(Duration.ofMillis(1_250), Duration.ofMillis(2_500));
            assertThat(tasks.throughput()).isBetween(40.0, 80.0);
        });
        assertThat(received).hasSizeBetween(100, 125).allSatisfy(request -> {
            assertThat(request.path()).isEqualTo("/v1/tasks");
            assertThat(request.authorization()).isEqualTo("Bearer test-key");
        });
        List<JsonNode> bodies = new ArrayList<>();
        for (Received request : received) {
            bodies.add(JSON.readTree(request.body()));
        }
        assertThat(bodies).extracting(body -> body.path("agent").asText()).containsOnly("echo");
        assertThat(bodies).extracting(body -> body.path("input").path("n").asLong())
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, bodies.size()).boxed().toList());
        assertThat(bodies.stream().collect(Collectors.groupingBy(body -> body.path("priority").asText(),
                Collectors.counting()))).containsOnlyKeys("critical", "high", "normal", "low")
                .allSatisfy((priority, count) -> assertThat(count).isBetween(25L, 32L));
    }

    @Test
    void inTaskModeANodeWithoutReadableMetricsFailsBeforeAnythingIsSent() {
        metricsStatus.set(404);

        assertThatThrownBy(() -> LoadTest.run(taskPlan(LoadTestPlan.Client.NIO), Optional.empty()))
                .isInstanceOf(AegisException.class)
                .hasMessage("GET http://127.0.0.1:" + server.port() + "/metrics answered 404, not 200");
        assertThat(received).isEmpty();
    }

    private void evaluate(ServerRequest request, ServerResponse response) {
        receive(request);
        response.status(Status.create(status.get()));
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        response.send("{\"decision\":\"ALLOW\",\"score\":0.1}");
    }

    private void submit(ServerRequest request, ServerResponse response) {
        receive(request);
        tasks.schedule(succeeded::incrementAndGet, TASK_MILLIS, TimeUnit.MILLISECONDS);
        response.status(Status.create(status.get()));
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        response.send("{\"id\":\"t-1\",\"status\":\"QUEUED\"}");
    }

    private void metrics(ServerRequest request, ServerResponse response) {
        response.status(Status.create(metricsStatus.get()));
        response.send("# TYPE aegis_tasks_transitions_total counter\n"
                + "aegis_tasks_transitions_total{status=\"queued\"} " + (succeeded.get() + 5) + ".0\n"
                + "aegis_tasks_transitions_total{status=\"succeeded\"} " + succeeded.get() + ".0\n");
    }

    private void receive(ServerRequest request) {
        received.add(new Received(request.path().path(),
                request.headers().first(HeaderNames.AUTHORIZATION).orElse(""),
                request.content().as(String.class)));
    }

    private LoadTestPlan taskPlan(LoadTestPlan.Client client) {
        return new LoadTestPlan(URI.create("http://127.0.0.1:" + server.port()), "login-risk", 100,
                Duration.ofSeconds(1), Duration.ofMillis(250), 8, Optional.of("test-key"), 50, OptionalLong.empty(),
                Duration.ofSeconds(2), 42, 2, SloTargets.defaults(), client,
                Optional.of(new TaskSubmits("echo", Optional.empty())));
    }

    private LoadTestPlan plan(double rate, Duration duration, Duration warmup, OptionalLong maxRequests) {
        return plan(rate, duration, warmup, maxRequests, LoadTestPlan.Client.NIO);
    }

    private LoadTestPlan plan(double rate, Duration duration, Duration warmup, OptionalLong maxRequests,
            LoadTestPlan.Client client) {
        return new LoadTestPlan(URI.create("http://127.0.0.1:" + server.port()), "login-risk", rate, duration, warmup,
                8, Optional.of("test-key"), 50, maxRequests, Duration.ofSeconds(2), 42, 2, SloTargets.defaults(),
                client, Optional.empty());
    }

    private static LoadTestPlan plan(URI url, double rate, Duration duration, LoadTestPlan.Client client) {
        return new LoadTestPlan(url, "login-risk", rate, duration, Duration.ZERO, 4, Optional.empty(), 10,
                OptionalLong.empty(), Duration.ofSeconds(1), 42, 1, SloTargets.defaults(), client, Optional.empty());
    }

    private record Received(String path, String authorization, String body) {}
}
