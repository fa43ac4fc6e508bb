package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aegis.redis.LocalRedis;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node in cluster mode while its Redis dies and comes back: with rate limits that must not fail open, every
 * request is a 503 with Retry-After and no agent runs; with the default fail-open, requests go on against the node's
 * own buckets. Either way the node serves normally again once Redis is back, without a restart.
 */
class ClusterRedisOutageIT {

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() throws SQLException {
        database = TestDatabase.create("aegis_redis_outage_it");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        database.drop();
    }

    @Test
    void failClosedRateLimitsAnswer503UntilRedisIsBack() throws Exception {
        try (LocalRedis redis = LocalRedis.startDisposable();
                TestNode node = TestNode.start(cluster(redis, false))) {
            assertThat(pipelines(node).statusCode()).isEqualTo(200);

            redis.stop();
            HttpResponse<String> refused = pipelines(node);

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("1");
            assertThat(refused.body()).doesNotContain("127.0.0.1");
            redis.start();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> pipelines(node).statusCode() == 200);
        }
    }

    @Test
    void failOpenRateLimitsServeThroughTheOutage() throws Exception {
        try (LocalRedis redis = LocalRedis.startDisposable();
                TestNode node = TestNode.start(cluster(redis, true))) {
            redis.stop();

            assertThat(pipelines(node).statusCode()).isEqualTo(200);
            HttpResponse<String> evaluation = evaluate(node);
            assertThat(evaluation.statusCode()).as(evaluation.body()).isEqualTo(200);
            assertThat(TestNode.json(evaluation).get("agents").toString())
                    .contains("{\"agent\":\"velocity\",\"status\":\"ERROR\"");

            redis.start();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(TestNode.json(evaluate(node))
                            .get("agents").toString()).doesNotContain("ERROR"));
        }
    }

    /** A login that every login-risk agent can read; three of the agents keep state in Redis. */
    private static HttpResponse<String> evaluate(TestNode node) {
        return node.evaluate("login-risk", TestNode.ADMIN_KEY, """
                {"subject": "user-42", "event": {"ip": "203.0.113.7", "device_id": "d-1", "lat": 48.85, "lon": 2.35,
                 "failed_attempts": 0, "account_age_days": 400}}""");
    }

    private static Map<String, String> cluster(LocalRedis redis, boolean failOpen) {
        return Map.of(
                "AEGIS_CLUSTER_ENABLED", "true",
                "AEGIS_CLUSTER_POSTGRES_URL", database.url(),
                "AEGIS_CLUSTER_REDIS_URI", redis.uri(),
                "AEGIS_CLUSTER_REDIS_TIMEOUT", "300ms",
                "AEGIS_CLUSTER_REDIS_RATE_LIMITS_FAIL_OPEN", Boolean.toString(failOpen));
    }

    private static HttpResponse<String> pipelines(TestNode node) {
        return node.get("/v1/pipelines", Optional.of(TestNode.AUDITOR_KEY));
    }
}
