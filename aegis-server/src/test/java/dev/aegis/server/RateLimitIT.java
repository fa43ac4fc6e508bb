package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.testkit.ManualClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimitIT {

    private final ManualClock clock = new ManualClock();

    @Test
    void theTenantAndThenTheClientAddressRunOutOfTokensUntilTheyRefill() {
        try (TestNode node = TestNode.start(Map.of(
                "AEGIS_RATE_LIMITS_PER_TENANT_CAPACITY", "2",
                "AEGIS_RATE_LIMITS_PER_TENANT_REFILL_PER_SECOND", "1",
                "AEGIS_RATE_LIMITS_PER_IP_CAPACITY", "4",
                "AEGIS_RATE_LIMITS_PER_IP_REFILL_PER_SECOND", "1"), clock)) {
            HttpResponse<String> first = pipelines(node, Optional.of(TestNode.AUDITOR_KEY));
            HttpResponse<String> second = pipelines(node, Optional.of(TestNode.AUDITOR_KEY));
            HttpResponse<String> tenantSpent = pipelines(node, Optional.of(TestNode.AUDITOR_KEY));
            HttpResponse<String> noKey = pipelines(node, Optional.empty());
            HttpResponse<String> addressSpent = pipelines(node, Optional.empty());

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("RateLimit-Remaining")).contains("1");
            assertThat(second.headers().firstValue("RateLimit-Remaining")).contains("0");
            assertRateLimited(tenantSpent, "tenant");
            assertThat(noKey.statusCode()).isEqualTo(401);
            assertRateLimited(addressSpent, "client address");

            clock.advance(Duration.ofSeconds(1));

            assertThat(pipelines(node, Optional.of(TestNode.AUDITOR_KEY)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void probesAndMetricsAreNotRateLimited() {
        try (TestNode node = TestNode.start(Map.of("AEGIS_RATE_LIMITS_PER_IP_CAPACITY", "1"), clock)) {
            for (int i = 0; i < 3; i++) {
                assertThat(node.get("/health", Optional.empty()).statusCode()).isEqualTo(200);
                assertThat(node.get("/metrics", Optional.empty()).statusCode()).isEqualTo(200);
            }
        }
    }

    private static HttpResponse<String> pipelines(TestNode node, Optional<String> key) {
        return node.get("/v1/pipelines", key);
    }

    private static void assertRateLimited(HttpResponse<String> response, String scope) {
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        assertThat(response.headers().firstValue("RateLimit-Remaining")).contains("0");
        assertThat(response.headers().firstValue("RateLimit-Limit")).isPresent();
        assertThat(response.headers().firstValue("RateLimit-Reset")).isPresent();
        JsonNode problem = TestNode.json(response);
        assertThat(problem.get("type").asText()).isEqualTo("urn:aegis:problem:rate-limited");
        assertThat(problem.get("detail").asText()).contains(scope);
    }
}
