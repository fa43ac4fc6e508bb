package dev.aegis.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadTestCommandTest {

    @TempDir
    Path directory;

    private final Queue<String> authorizations = new ConcurrentLinkedQueue<>();
    private final Queue<String> submits = new ConcurrentLinkedQueue<>();
    private final AtomicLong succeeded = new AtomicLong();
    private WebServer server;

    @BeforeEach
    void startServer() {
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.post("/v1/pipelines/{name}/evaluate", (request, response) -> {
                    authorizations.add(request.headers().first(HeaderNames.AUTHORIZATION).orElse(""));
                    request.content().consume();
                    response.header(HeaderValues.CONTENT_TYPE_JSON);
                    response.send("{\"decision\":\"ALLOW\"}");
                }).post("/v1/tasks", (request, response) -> {
                    submits.add(request.content().as(String.class));
                    succeeded.incrementAndGet();
                    response.status(Status.ACCEPTED_202);
                    response.header(HeaderValues.CONTENT_TYPE_JSON);
                    response.send("{\"id\":\"t-1\"}");
                }).get("/metrics", (request, response) -> response.send(
                        "aegis_tasks_transitions_total{status=\"succeeded\"} " + succeeded.get() + ".0\n")))
                .build()
                .start();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Test
    void runsPrintsTheTableWritesTheJsonAndExitsZeroWhateverTheVerdict() throws Exception {
        Path json = directory.resolve("result.json");
        CommandRun run = new CommandRun(Map.of("AEGIS_KEY", "key-from-env"), started -> {});

        int exit = run.execute("loadtest", "--url", url(), "--rate", "100", "--duration", "1s", "--warmup", "0s",
                "--json", json.toString());

        assertThat(exit).isZero();
        assertThat(run.out.toString()).contains("100 sent", "100 2xx")
                .containsPattern("aegis\\s+throughput\\s+\\d+/s\\s+>= 20,000/s\\s+FAIL")
                .containsPattern("seed 003\\s+error rate\\s+0\\.0000 %\\s+< 0\\.0100 %\\s+PASS");
        assertThat(run.progress()).contains("aegis loadtest: POST " + url() + "/v1/pipelines/login-risk/evaluate");
        assertThat(authorizations).hasSize(100).allMatch("Bearer key-from-env"::equals);
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        assertThat(result.path("requests").path("ok").asLong()).isEqualTo(100);
        assertThat(result.path("checks")).hasSize(7);
        assertThat(result.path("pass").asBoolean()).isFalse();
    }

    @Test
    void failOnSloExitsOneWhenACheckFails() {
        CommandRun run = new CommandRun();

        int exit = run.execute("loadtest", "--url", url(), "--rate", "100", "--duration", "200ms", "--warmup", "0s",
                "--quiet", "--fail-on-slo");

        assertThat(exit).isEqualTo(1);
        assertThat(run.out.toString()).contains("FAIL");
        assertThat(run.progress()).doesNotContain("[#");
    }

    @Test
    void failOnSloExitsZeroWhenEveryCheckPasses() {
        CommandRun run = new CommandRun();

        int exit = run.execute("loadtest", "--url", url(), "--rate", "100", "--duration", "200ms", "--warmup", "0s",
                "--quiet", "--fail-on-slo", "--slo-throughput", "50", "--target-throughput", "50",
                "--slo-p50", "1m", "--slo-p95", "1m", "--slo-p99", "1m", "--target-p99", "1m", "--key", "cli-key");

        assertThat(exit).isZero();
        assertThat(run.out.toString()).contains("verdict: all 7 checks PASS");
        assertThat(authorizations).allMatch("Bearer cli-key"::equals);
    }

    @Test
    void aBadSettingIsAUsageErrorAndNothingIsSent() {
        CommandRun run = new CommandRun();

        assertThat(run.execute("loadtest", "--url", url(), "--rate", "0")).isEqualTo(2);
        assertThat(run.err.toString()).contains("rate must be a positive number");
        assertThat(run.execute("loadtest", "--url", url(), "--duration", "soon")).isEqualTo(2);
        assertThat(run.err.toString()).contains("--duration", "soon");
        assertThat(run.execute("loadtest", "--url", "ftp://example.org")).isEqualTo(2);
        assertThat(run.execute("loadtest", "--url", url(), "--client", "curl")).isEqualTo(2);
        assertThat(run.err.toString()).contains("client must be nio or jdk, got 'curl'");
        assertThat(run.execute("loadtest", "--url", "https://127.0.0.1:1")).isEqualTo(2);
        assertThat(run.err.toString()).contains("the nio client speaks plain http only; use --client jdk");
        assertThat(authorizations).isEmpty();
    }

    @Test
    void taskModeSubmitsTasksAndReportsHowFastTheNodeCompletedThem() throws Exception {
        Path json = directory.resolve("tasks.json");
        CommandRun run = new CommandRun();

        int exit = run.execute("loadtest", "--url", url(), "--tasks", "echo", "--rate", "100", "--duration", "1s",
                "--warmup", "0s", "--json", json.toString());

        assertThat(exit).isZero();
        assertThat(run.progress()).contains("aegis loadtest: POST " + url() + "/v1/tasks",
                "waiting for the node to complete the accepted tasks");
        assertThat(run.out.toString()).contains("100 sent", "tasks for agent echo, priority in turn")
                .containsPattern("tasks\\s+100 accepted, 100 completed\\n")
                .containsPattern("completion\\s+\\d+/s over \\d+\\.\\d\\d s")
                .contains("verdict: ");
        assertThat(submits).hasSize(100);
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        assertThat(result.path("url").asText()).isEqualTo(url() + "/v1/tasks");
        assertThat(result.path("tasks").path("accepted").asLong()).isEqualTo(100);
        assertThat(result.path("tasks").path("completed").asLong()).isEqualTo(100);
        assertThat(result.path("tasks").path("completion_per_second").asDouble()).isPositive();
    }

    @Test
    void priorityFixesThePriorityOfEveryTask() {
        CommandRun run = new CommandRun();

        int exit = run.execute("loadtest", "--url", url(), "--tasks", "echo", "--priority", "HIGH", "--rate", "100",
                "--duration", "200ms", "--warmup", "0s", "--quiet");

        assertThat(exit).isZero();
        assertThat(run.out.toString()).contains("tasks for agent echo, priority high");
        assertThat(submits).hasSize(20).allSatisfy(body -> assertThat(body).contains("\"priority\":\"high\""));
    }

    @Test
    void aBadTaskSettingIsAUsageErrorAndNothingIsSent() {
        CommandRun run = new CommandRun();

        assertThat(run.execute("loadtest", "--url", url(), "--priority", "high")).isEqualTo(2);
        assertThat(run.err.toString()).contains("--priority is for task mode only; add --tasks AGENT");
        assertThat(run.execute("loadtest", "--url", url(), "--tasks", "echo", "--priority", "urgent")).isEqualTo(2);
        assertThat(run.err.toString()).contains("priority must be one of critical, high, normal, low, got 'urgent'");
        assertThat(run.execute("loadtest", "--url", url(), "--tasks", "an agent")).isEqualTo(2);
        assertThat(run.err.toString()).contains("agent name 'an agent' is not a valid name");
        assertThat(submits).isEmpty();
    }

    private String url() {
        return "http://127.0.0.1:" + server.port();
    }
}
