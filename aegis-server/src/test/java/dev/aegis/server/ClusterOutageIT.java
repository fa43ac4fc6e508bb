package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node in cluster mode while its PostgreSQL crashes and comes back: requests that need the database get 503 with
 * Retry-After and change nothing; once the database is back the same node serves again, without a restart, and every
 * task accepted before, during or after the outage ends SUCCEEDED.
 */
class ClusterOutageIT {

    private static final String KEY = "outage-test-key";

    @TempDir
    Path folder;

    private DisposablePostgres postgres;
    private ServeProcess node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aDatabaseOutageIs503AndTheNodeRecoversWithoutARestart() throws Exception {
        postgres = DisposablePostgres.create();
        node = startNode();
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            accepted.add(submitAccepted(i));
        }

        postgres.crash();

        HttpResponse<String> refused = submit(100);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(node.get("/v1/tasks/" + accepted.getFirst()).statusCode()).isEqualTo(503);

        postgres.start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> submit(200).statusCode() == 202);
        for (int i = 300; i < 320; i++) {
            accepted.add(submitAccepted(i));
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                accepted.stream().allMatch(id -> "SUCCEEDED".equals(status(id))));
        assertThat(node.get("/v1/tasks?limit=100").body()).doesNotContain("\"n\":100}");
    }

    private ServeProcess startNode() throws Exception {
        return ServeProcess.startClusterNode(folder, "node", KEY, 4, postgres.url(), "3s",
                "aegis-outage-" + UUID.randomUUID() + ":");
    }

    private String submitAccepted(int n) {
        HttpResponse<String> response = submit(n);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return ServeProcess.read(response.body()).get("id").asText();
    }

    private HttpResponse<String> submit(int n) {
        return node.post("/v1/tasks", """
                {"agent": "sleep", "input": {"ms": 10, "n": %d}}""".formatted(n));
    }

    private String status(String id) {
        HttpResponse<String> response = node.get("/v1/tasks/" + id);
        return response.statusCode() == 200 ? ServeProcess.read(response.body()).get("status").asText() : "";
    }
}
