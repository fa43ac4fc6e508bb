package dev.aegis.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadTestCommandTest {

    @TempDir
    Path directory;

    private final Queue<String> authorizations = new ConcurrentLinkedQueue<>();
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
                }))
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

    private String url() {
        return "http://127.0.0.1:" + server.port();
    }
}
