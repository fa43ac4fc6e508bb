package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the audit log cannot keep up, evaluate answers 503 with {@code Retry-After} before any agent runs, so the
 * refused call changes nothing; once the log catches up the same node answers again, without a restart. The log
 * is made to fall behind for real: a queue of one record and a writer that lingers three seconds after the first
 * record it takes (the node's own start records fill it).
 */
class AuditBackPressureIT {

    private static final String LOGIN = """
            {"subject": "bob", "event": {"ip": "198.51.100.9", "device_id": "d-9", "lat": 52.52, "lon": 13.4}}""";

    @TempDir
    Path data;

    @Test
    void evaluateIsA503ThatChangesNothingWhileTheAuditLogIsBehindAndRecoversWithoutARestart() {
        try (TestNode node = TestNode.start(Map.of(
                "AEGIS_SERVER_DATA_DIR", data.toString(),
                "AEGIS_AUDIT_TYPE", "files",
                "AEGIS_AUDIT_QUEUE", "1",
                "AEGIS_AUDIT_LINGER", "3s"))) {
            HttpResponse<String> refused = node.evaluate("login-risk", TestNode.SUBMITTER_KEY, LOGIN);

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("1");
            assertThat(TestNode.json(refused).get("detail").asText())
                    .contains("audit log is behind").contains("nothing was evaluated");

            AtomicReference<HttpResponse<String>> answered = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
                answered.set(node.evaluate("login-risk", TestNode.SUBMITTER_KEY, LOGIN));
                return answered.get().statusCode() == 200;
            });
            assertThat(TestNode.json(answered.get()).get("reasons").toString())
                    .as("the refused calls were not counted").contains("velocity: 1 login for subject");
        }
    }
}
