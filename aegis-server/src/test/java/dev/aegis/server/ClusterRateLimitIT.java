package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The distributed rate limit bar: two nodes in cluster mode share one tenant limit of 50 per minute in Redis, so
 * requests spread over both are admitted 50 times, not 100.
 */
class ClusterRateLimitIT {

    private static final int LIMIT = 50;

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() throws SQLException {
        database = TestDatabase.create("aegis_limit_it");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        database.drop();
    }

    @Test
    void twoNodesAdmitTheLimitOnceBetweenThem() {
        Map<String, String> cluster = Map.of(
                "AEGIS_CLUSTER_ENABLED", "true",
                "AEGIS_CLUSTER_POSTGRES_URL", database.url(),
                "AEGIS_CLUSTER_REDIS_KEY_PREFIX", database.name() + ":",
                "AEGIS_RATE_LIMITS_PER_TENANT_CAPACITY", Integer.toString(LIMIT),
                "AEGIS_RATE_LIMITS_PER_TENANT_REFILL_PER_SECOND", Double.toString(LIMIT / 60.0));
        try (TestNode first = TestNode.start(cluster);
                TestNode second = TestNode.start(cluster)) {
            List<TestNode> nodes = List.of(first, second);
            int admitted = 0;
            int limited = 0;
            for (int i = 0; i < 3 * LIMIT; i++) {
                int status = nodes.get(i % 2).get("/v1/pipelines", Optional.of(TestNode.AUDITOR_KEY)).statusCode();
                admitted += status == 200 ? 1 : 0;
                limited += status == 429 ? 1 : 0;
            }

            assertThat(admitted).as("admitted across both nodes; refill adds under one a second")
                    .isBetween(LIMIT, LIMIT + 5);
            assertThat(limited).isEqualTo(3 * LIMIT - admitted);
        }
    }
}
