package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task routes on a real node with the embedded (H2) store in a temporary folder and quick retries. Tenants:
 * acme (the submitter and auditor keys), globex (the operator key, used only for requests that must store
 * nothing) and default (the admin key, used only for the listing).
 */
class TasksApiIT {

    private static final String OPERATOR_KEY = "operator-key";

    @TempDir
    static Path data;

    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of(
                "AEGIS_SERVER_DATA_DIR", data.toString(),
                "AEGIS_TASKS_STORE", "embedded",
                "AEGIS_TASKS_RETRY_INITIAL", "10ms",
                "AEGIS_TASKS_RETRY_MAX", "50ms"));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void anEchoTaskIsAcceptedWithItsLocationAndSucceedsWithItsInputAsPayload() {
        HttpResponse<String> accepted = submit(TestNode.SUBMITTER_KEY, "{\"agent\": \"echo\", \"input\": {\"n\": 7}}");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode task = TestNode.json(accepted);
        String id = task.get("id").asText();
        assertThat(accepted.headers().firstValue("Location")).contains("/v1/tasks/" + id);
        assertThat(task.get("agent").asText()).isEqualTo("echo");
        assertThat(task.get("priority").asText()).isEqualTo("normal");
        assertThat(task.get("status").asText()).isEqualTo("QUEUED");
        assertThat(task.get("attempts").asInt()).isZero();
        assertThat(task.get("max_attempts").asInt()).isEqualTo(3);
        assertThat(task.get("timeout_ms").asLong()).isEqualTo(60_000);
        assertThat(Instant.parse(task.get("created_at").asText())).isBeforeOrEqualTo(Instant.now());
        JsonNode done = awaitStatus(TestNode.SUBMITTER_KEY, id, "SUCCEEDED");
        assertThat(done.get("result").get("payload")).isEqualTo(task.get("input"));
        assertThat(done.get("attempts").asInt()).isEqualTo(1);
        assertThat(statuses(done)).containsExactly("QUEUED", "RUNNING", "SUCCEEDED");
        assertThat(Instant.parse(done.get("updated_at").asText())).isAfter(Instant.parse(done.get("created_at").asText()));
    }

    @Test
    void aPipelineTaskAnswersTheEvaluation() {
        String body = "{\"pipeline\": \"login-risk\", \"priority\": \"critical\", \"input\": " + TestNode.LOGIN_EVENT + "}";
        HttpResponse<String> accepted = submit(TestNode.SUBMITTER_KEY, body);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode done = awaitStatus(TestNode.SUBMITTER_KEY, TestNode.json(accepted).get("id").asText(), "SUCCEEDED");
        assertThat(done.get("pipeline").asText()).isEqualTo("login-risk");
        assertThat(done.get("priority").asText()).isEqualTo("critical");
        assertThat(done.get("result").get("decision").asText()).isIn("ALLOW", "REVIEW", "BLOCK");
        assertThat(done.get("result").get("subject").asText()).isEqualTo("user-42");
    }

    @Test
    void theSameIdempotencyKeyTwiceIsA202ThenA200WithTheFirstTask() {
        String body = "{\"agent\": \"echo\", \"input\": {}, \"idempotency_key\": \"order-7\"}";

        HttpResponse<String> first = submit(TestNode.SUBMITTER_KEY, body);
        HttpResponse<String> second = submit(TestNode.SUBMITTER_KEY, body);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(TestNode.json(second).get("id")).isEqualTo(TestNode.json(first).get("id"));
        assertThat(TestNode.json(second).get("idempotency_key").asText()).isEqualTo("order-7");
    }

    @Test
    void listsArePagedNewestFirstAndFilteredByStatusAndPriority() {
        List<String> submitted = new ArrayList<>();
        for (String priority : List.of("low", "high", "low", "high", "low")) {
            HttpResponse<String> accepted = submit(TestNode.ADMIN_KEY,
                    "{\"agent\": \"echo\", \"priority\": \"" + priority + "\", \"input\": {}}");
            submitted.add(TestNode.json(accepted).get("id").asText());
        }
        submitted.forEach(id -> awaitStatus(TestNode.ADMIN_KEY, id, "SUCCEEDED"));

        List<JsonNode> pages = pages(2);

        assertThat(pages).hasSize(3);
        assertThat(pages).extracting(page -> page.has("next_cursor")).containsExactly(true, true, false);
        List<String> listed = new ArrayList<>();
        pages.forEach(page -> page.get("tasks").forEach(task -> listed.add(task.get("id").asText())));
        assertThat(listed).containsExactlyElementsOf(submitted.reversed());
        assertThat(pages.getFirst().get("tasks").get(0).has("input")).isFalse();
        assertThat(pages.getFirst().get("tasks").get(0).has("history")).isFalse();
        assertThat(ids(list(TestNode.ADMIN_KEY, "?priority=LOW"))).containsExactly(
                submitted.get(4), submitted.get(2), submitted.get(0));
        assertThat(ids(list(TestNode.ADMIN_KEY, "?status=succeeded&priority=high"))).containsExactly(
                submitted.get(3), submitted.get(1));
        assertThat(ids(list(TestNode.ADMIN_KEY, "?status=CANCELLED"))).isEmpty();
    }

    @Test
    void aTaskIsCancelledOnceAndThenIsAConflictThatSaysItsStatus() {
        String id = TestNode.json(submit(TestNode.SUBMITTER_KEY,
                "{\"agent\": \"slow\", \"input\": {\"ms\": 5000}}")).get("id").asText();

        HttpResponse<String> cancelled = cancel(TestNode.SUBMITTER_KEY, id);
        HttpResponse<String> again = cancel(TestNode.SUBMITTER_KEY, id);

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(TestNode.json(cancelled).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(get(TestNode.SUBMITTER_KEY, id).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(assertProblem(again, 409, "conflict").get("detail").asText()).contains("already CANCELLED");
        assertProblem(cancel(TestNode.SUBMITTER_KEY, "no-such-task"), 404, "not-found");
    }

    @Test
    void anotherTenantsTaskIsNotFound() {
        String id = TestNode.json(submit(TestNode.SUBMITTER_KEY, "{\"agent\": \"echo\", \"input\": {}}"))
                .get("id").asText();

        assertProblem(node.get("/v1/tasks/" + id, Optional.of(OPERATOR_KEY)), 404, "not-found");
        assertProblem(cancel(OPERATOR_KEY, id), 404, "not-found");
        assertThat(node.get("/v1/tasks/" + id, Optional.of(TestNode.AUDITOR_KEY)).statusCode()).isEqualTo(200);
    }

    @Test
    void everyBadRequestIsA400NamingTheFieldAndStoresNothing() {
        Map<String, String> fieldOf = Map.ofEntries(
                Map.entry("{\"input\": {}}", "agent"),
                Map.entry("{\"agent\": \"echo\", \"pipeline\": \"login-risk\", \"input\": {}}", "agent"),
                Map.entry("{\"agent\": \"echo\"}", "input"),
                Map.entry("{\"agent\": \"echo\", \"input\": {}, \"priority\": \"urgent\"}", "priority"),
                Map.entry("{\"agent\": \"echo\", \"input\": {}, \"max_attempts\": 0}", "max_attempts"),
                Map.entry("{\"agent\": \"echo\", \"input\": {}, \"max_attempts\": \"3\"}", "max_attempts"),
                Map.entry("{\"agent\": \"echo\", \"input\": {}, \"timeout_ms\": 0}", "timeout_ms"),
                Map.entry("{\"agent\": \"echo\", \"input\": {}, \"idempotency_key\": \"\"}", "idempotency_key"),
                Map.entry("{\"agent\": \"echo\", \"input\": {}, \"colour\": \"red\"}", "colour"),
                Map.entry("{\"agent\": \"no-such-agent\", \"input\": {}}", "agent"),
                Map.entry("{\"pipeline\": \"no-such-pipeline\", \"input\": {}}", "pipeline"),
                Map.entry("{\"pipeline\": \"login-risk\", \"input\": {\"event\": {}}}", "input"),
                Map.entry("[{\"agent\": \"echo\", \"input\": {}}]", "body"),
                Map.entry("", "body"));

        fieldOf.forEach((body, field) -> assertThat(assertProblem(submit(OPERATOR_KEY, body), 400, "invalid-field")
                .get("field").asText()).as(body).isEqualTo(field));
        JsonNode malformed = assertProblem(submit(OPERATOR_KEY, "{\"agent\": "), 400, "malformed-body");
        assertThat(malformed.get("field").asText()).isEqualTo("body");
        assertThat(list(OPERATOR_KEY, "").get("tasks")).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonIsA415() {
        HttpResponse<String> response = node.send(HttpRequest.newBuilder(node.uri("/v1/tasks"))
                .header("Authorization", "Bearer " + TestNode.SUBMITTER_KEY)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"agent\": \"echo\", \"input\": {}}"))
                .build());

        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void badListParametersAreA400NamingThem() {
        Map<String, String> fieldOf = Map.of(
                "?status=DONE", "status",
                "?priority=urgent", "priority",
                "?limit=0", "limit",
                "?limit=1001", "limit",
                "?limit=many", "limit",
                "?colour=red", "colour");

        fieldOf.forEach((query, field) -> assertThat(assertProblem(node.get("/v1/tasks" + query,
                Optional.of(TestNode.SUBMITTER_KEY)), 400, "invalid-field").get("field").asText()).as(query)
                .isEqualTo(field));
    }

    @Test
    void withoutAKeyEveryTaskRouteIsA401() {
        assertProblem(node.get("/v1/tasks", Optional.empty()), 401, "unauthorized");
        assertProblem(node.get("/v1/tasks/any", Optional.empty()), 401, "unauthorized");
        assertProblem(node.send(HttpRequest.newBuilder(node.uri("/v1/tasks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"agent\": \"echo\", \"input\": {}}")).build()),
                401, "unauthorized");
        assertProblem(cancelWithout(), 401, "unauthorized");
    }

    @Test
    void anAuditorMayReadTasksButNotSubmitOrCancelThem() {
        String id = TestNode.json(submit(TestNode.SUBMITTER_KEY, "{\"agent\": \"echo\", \"input\": {}}"))
                .get("id").asText();

        assertProblem(submit(TestNode.AUDITOR_KEY, "{\"agent\": \"echo\", \"input\": {}}"), 403, "forbidden");
        assertProblem(cancel(TestNode.AUDITOR_KEY, id), 403, "forbidden");
        assertThat(node.get("/v1/tasks/" + id, Optional.of(TestNode.AUDITOR_KEY)).statusCode()).isEqualTo(200);
        assertThat(ids(list(TestNode.AUDITOR_KEY, ""))).contains(id);
    }

    @Test
    void aFlakyTaskThatFailsTwiceSucceedsOnItsThirdAttempt() {
        HttpResponse<String> accepted = submit(TestNode.SUBMITTER_KEY,
                "{\"agent\": \"flaky\", \"input\": {\"fail_times\": 2}, \"max_attempts\": 3, \"timeout_ms\": 5000}");

        JsonNode done = awaitStatus(TestNode.SUBMITTER_KEY, TestNode.json(accepted).get("id").asText(), "SUCCEEDED");

        assertThat(done.get("attempts").asInt()).isEqualTo(3);
        assertThat(done.get("timeout_ms").asInt()).isEqualTo(5000);
        assertThat(statuses(done)).containsExactly(
                "QUEUED", "RUNNING", "FAILED", "RUNNING", "FAILED", "RUNNING", "SUCCEEDED");
        assertThat(done.get("history").get(2).get("detail").asText()).contains("planned failure 1 of 2");
        assertThat(done.get("history").get(5).get("attempt").asInt()).isEqualTo(3);
    }

    @Test
    void requestMetricsAreTaggedWithTheTaskRouteTemplates() {
        String id = TestNode.json(submit(TestNode.SUBMITTER_KEY, "{\"agent\": \"echo\", \"input\": {}}"))
                .get("id").asText();
        get(TestNode.SUBMITTER_KEY, id);

        String metrics = node.get("/metrics", Optional.empty()).body();

        assertThat(metrics).contains("method=\"POST\"", "uri=\"/v1/tasks\"", "uri=\"/v1/tasks/{id}\"")
                .doesNotContain("uri=\"/v1/tasks/" + id + "\"");
    }

    private static HttpResponse<String> submit(String key, String body) {
        return node.send(HttpRequest.newBuilder(node.uri("/v1/tasks"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static HttpResponse<String> cancel(String key, String id) {
        return node.send(HttpRequest.newBuilder(node.uri("/v1/tasks/" + id + "/cancel"))
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private static HttpResponse<String> cancelWithout() {
        return node.send(HttpRequest.newBuilder(node.uri("/v1/tasks/any/cancel"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private static JsonNode get(String key, String id) {
        HttpResponse<String> response = node.get("/v1/tasks/" + id, Optional.of(key));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestNode.json(response);
    }

    private static JsonNode list(String key, String query) {
        HttpResponse<String> response = node.get("/v1/tasks" + query, Optional.of(key));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestNode.json(response);
    }

    /** Every page of the admin's listing, following {@code next_cursor}. */
    private static List<JsonNode> pages(int limit) {
        List<JsonNode> pages = new ArrayList<>();
        pages.add(list(TestNode.ADMIN_KEY, "?limit=" + limit));
        while (pages.getLast().has("next_cursor")) {
            String cursor = pages.getLast().get("next_cursor").asText();
            pages.add(list(TestNode.ADMIN_KEY, "?limit=" + limit + "&cursor=" + cursor));
        }
        return pages;
    }

    private static JsonNode awaitStatus(String key, String id, String status) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> get(key, id).get("status").asText().equals(status));
        return get(key, id);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("tasks").forEach(task -> ids.add(task.get("id").asText()));
        return ids;
    }

    private static List<String> statuses(JsonNode task) {
        List<String> statuses = new ArrayList<>();
        task.get("history").forEach(move -> statuses.add(move.get("status").asText()));
        return statuses;
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status, String kind) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = TestNode.json(response);
        assertThat(problem.get("type").asText()).isEqualTo("urn:aegis:problem:" + kind);
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(problem.toString()).doesNotContain("Exception");
        return problem;
    }
}
