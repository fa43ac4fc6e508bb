package dev.aegis.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real runs over HTTP against a small Helidon server on 127.0.0.1. */
class LoadTestEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicInteger status = new AtomicInteger(200);
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private WebServer server;

    @BeforeEach
    void startServer() {
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.post("/v1/pipelines/{name}/evaluate", this::evaluate))
                .build()
                .start();
    }

    @AfterEach
    void stopServer() {
        server.stop();
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
        assertThat(first.pipeline()).isEqualTo("login-risk");
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

    private void evaluate(ServerRequest request, ServerResponse response) {
        received.add(new Received(request.path().pathParameters().get("name"),
                request.headers().first(HeaderNames.AUTHORIZATION).orElse(""),
                request.content().as(String.class)));
        response.status(Status.create(status.get()));
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        response.send("{\"decision\":\"ALLOW\",\"score\":0.1}");
    }

    private LoadTestPlan plan(double rate, Duration duration, Duration warmup, OptionalLong maxRequests) {
        return plan(rate, duration, warmup, maxRequests, LoadTestPlan.Client.NIO);
    }

    private LoadTestPlan plan(double rate, Duration duration, Duration warmup, OptionalLong maxRequests,
            LoadTestPlan.Client client) {
        return new LoadTestPlan(URI.create("http://127.0.0.1:" + server.port()), "login-risk", rate, duration, warmup,
                8, Optional.of("test-key"), 50, maxRequests, Duration.ofSeconds(2), 42, 2, SloTargets.defaults(),
                client);
    }

    private static LoadTestPlan plan(URI url, double rate, Duration duration, LoadTestPlan.Client client) {
        return new LoadTestPlan(url, "login-risk", rate, duration, Duration.ZERO, 4, Optional.empty(), 10,
                OptionalLong.empty(), Duration.ofSeconds(1), 42, 1, SloTargets.defaults(), client);
    }

    private record Received(String pipeline, String authorization, String body) {}
}
