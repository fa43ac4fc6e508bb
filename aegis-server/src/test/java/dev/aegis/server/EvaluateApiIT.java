package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EvaluateApiIT {

    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void loginRiskReturnsADecisionWithEveryAgentsStatus() {
        HttpResponse<String> response = node.evaluate("login-risk", TestNode.SUBMITTER_KEY, TestNode.LOGIN_EVENT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode evaluation = TestNode.json(response);
        assertThat(evaluation.get("id").asText()).isNotBlank();
        assertThat(evaluation.get("pipeline").asText()).isEqualTo("login-risk");
        assertThat(evaluation.get("subject").asText()).isEqualTo("user-42");
        assertThat(evaluation.get("decision").asText()).isIn("ALLOW", "REVIEW", "BLOCK");
        assertThat(evaluation.get("score").isNumber()).isTrue();
        assertThat(evaluation.get("reasons").isArray()).isTrue();
        assertThat(evaluation.get("latency_ms").isNumber()).isTrue();
        List<String> agents = new ArrayList<>();
        for (JsonNode agent : evaluation.get("agents")) {
            agents.add(agent.get("agent").asText());
            assertThat(agent.get("status").asText()).isIn("OK", "TIMEOUT", "ERROR", "REJECTED", "CIRCUIT_OPEN");
            assertThat(agent.get("latency_ms").isNumber()).isTrue();
        }
        assertThat(agents).containsExactlyInAnyOrder("velocity", "geo", "device", "ip-reputation", "model");
    }

    @Test
    void anAgentSleepingPastTheDeadlineIsTimeoutAndTheAnswerKeepsTheDeadline() {
        String body = "{\"subject\": \"user-7\", \"event\": {\"ms\": 3000}}";
        node.evaluate("late", TestNode.SUBMITTER_KEY, body);

        long started = System.nanoTime();
        HttpResponse<String> response = node.evaluate("late", TestNode.SUBMITTER_KEY, body);
        double roundTripMs = (System.nanoTime() - started) / 1e6;

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode evaluation = TestNode.json(response);
        Map<String, String> statuses = new HashMap<>();
        evaluation.get("agents").forEach(
                agent -> statuses.put(agent.get("agent").asText(), agent.get("status").asText()));
        assertThat(statuses).containsEntry("echo", "OK").containsEntry("slow", "TIMEOUT");
        assertThat(evaluation.get("latency_ms").asDouble()).isBetween(100.0, 120.0);
        assertThat(roundTripMs).as("round trip, HTTP included").isLessThan(250.0);
    }

    @Test
    void admittedRequestsCarryRateLimitHeadersAndTheirRequestId() {
        HttpResponse<String> response = node.send(node.evaluation("login-risk", TestNode.ADMIN_KEY,
                        "application/json", HttpRequest.BodyPublishers.ofString(TestNode.LOGIN_EVENT))
                .header("X-Request-Id", "trace-123")
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Id")).contains("trace-123");
        assertThat(response.headers().firstValue("RateLimit-Limit")).contains("100000");
        assertThat(response.headers().firstValue("RateLimit-Remaining")).isPresent();
        assertThat(response.headers().firstValue("RateLimit-Reset")).isPresent();
    }

    @Test
    void malformedJsonIsA400AboutTheBody() {
        HttpResponse<String> response = node.evaluate("login-risk", TestNode.SUBMITTER_KEY, "{\"subject\": ");

        JsonNode problem = assertProblem(response, 400, "malformed-body");
        assertThat(problem.get("field").asText()).isEqualTo("body");
    }

    @Test
    void aSubjectThatIsNotAStringIsA400AboutSubject() {
        HttpResponse<String> response = node.evaluate("login-risk", TestNode.SUBMITTER_KEY,
                "{\"subject\": 42, \"event\": {}}");

        JsonNode problem = assertProblem(response, 400, "invalid-field");
        assertThat(problem.get("field").asText()).isEqualTo("subject");
        assertThat(problem.get("detail").asText()).contains("must be a string, was a number");
    }

    @Test
    void anEventThatIsAnArrayIsA400AboutEvent() {
        HttpResponse<String> response = node.evaluate("login-risk", TestNode.SUBMITTER_KEY,
                "{\"subject\": \"user-1\", \"event\": [1, 2]}");

        JsonNode problem = assertProblem(response, 400, "invalid-field");
        assertThat(problem.get("field").asText()).isEqualTo("event");
        assertThat(problem.get("detail").asText()).contains("must be an object, was an array");
    }

    @Test
    void aMissingSubjectIsA400AboutSubject() {
        HttpResponse<String> response = node.evaluate("login-risk", TestNode.SUBMITTER_KEY, "{\"event\": {}}");

        assertThat(assertProblem(response, 400, "invalid-field").get("field").asText()).isEqualTo("subject");
    }

    @Test
    void anOverlongSubjectOrAnUnknownFieldIsA400() {
        String longSubject = "x".repeat(257);

        assertThat(assertProblem(node.evaluate("login-risk", TestNode.SUBMITTER_KEY,
                "{\"subject\": \"" + longSubject + "\", \"event\": {}}"), 400, "invalid-field").get("field").asText())
                .isEqualTo("subject");
        assertThat(assertProblem(node.evaluate("login-risk", TestNode.SUBMITTER_KEY,
                "{\"subject\": \"s\", \"event\": {}, \"evnt\": {}}"), 400, "invalid-field").get("field").asText())
                .isEqualTo("evnt");
    }

    @Test
    void anUnknownPipelineIsA404() {
        HttpResponse<String> response = node.evaluate("no-such-pipeline", TestNode.SUBMITTER_KEY, TestNode.LOGIN_EVENT);

        assertThat(assertProblem(response, 404, "not-found").get("detail").asText()).contains("no-such-pipeline");
    }

    @Test
    void aBodyOverTheLimitIsA413() {
        String big = "{\"subject\": \"s\", \"event\": {\"pad\": \"" + "a".repeat(2 * 1024 * 1024) + "\"}}";

        assertProblem(node.evaluate("login-risk", TestNode.SUBMITTER_KEY, big), 413, "payload-too-large");
    }

    @Test
    void aChunkedBodyOverTheLimitIsA413WhileReading() {
        byte[] big = new byte[1024 * 1024 + 10];
        HttpRequest request = node.evaluation("login-risk", TestNode.SUBMITTER_KEY, "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();

        assertProblem(node.send(request), 413, "payload-too-large");
    }

    @Test
    void aDeclaredBodyFarOverTheLimitIsRefusedBeforeRoutingAsAProblem() throws IOException {
        String answer = raw("POST /v1/pipelines/login-risk/evaluate HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 999999999\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json")
                .contains("urn:aegis:problem:payload-too-large");
    }

    @Test
    void aRequestThatIsNotHttpIsA400Problem() throws IOException {
        String answer = raw("NOT HTTP AT ALL\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("urn:aegis:problem:bad-request");
    }

    @Test
    void noKeyOrAWrongKeyIsA401WithABearerChallenge() {
        HttpResponse<String> none = node.get("/v1/pipelines", Optional.empty());
        HttpResponse<String> wrong = node.evaluate("login-risk", "not-a-key", TestNode.LOGIN_EVENT);

        assertProblem(none, 401, "unauthorized");
        assertProblem(wrong, 401, "unauthorized");
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    }

    @Test
    void anAuditorMayReadTheRegistryButNotEvaluate() {
        HttpResponse<String> evaluate = node.evaluate("login-risk", TestNode.AUDITOR_KEY, TestNode.LOGIN_EVENT);
        HttpResponse<String> agents = node.get("/v1/agents", Optional.of(TestNode.AUDITOR_KEY));

        assertProblem(evaluate, 403, "forbidden");
        assertThat(agents.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        TestNode.json(agents).get("agents").forEach(agent -> names.add(agent.get("name").asText()));
        assertThat(names).contains("velocity", "model", "slow");
        assertThat(TestNode.json(agents).get("agents").get(0).has("circuit_state")).isTrue();
    }

    @Test
    void pipelinesAreListed() {
        HttpResponse<String> response = node.get("/v1/pipelines", Optional.of(TestNode.AUDITOR_KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        TestNode.json(response).get("pipelines").forEach(pipeline -> names.add(pipeline.get("name").asText()));
        assertThat(names).contains("login-risk", "slow");
    }

    @Test
    void aNonJsonBodyIsA415() {
        HttpRequest request = node.evaluation("login-risk", TestNode.SUBMITTER_KEY, "text/plain",
                HttpRequest.BodyPublishers.ofString(TestNode.LOGIN_EVENT)).build();

        assertProblem(node.send(request), 415, "unsupported-media-type");
    }

    @Test
    void unknownRoutesAre404AndWrongMethodsAre405() {
        HttpResponse<String> unknown = node.get("/v1/nothing-here", Optional.of(TestNode.ADMIN_KEY));
        HttpResponse<String> wrongMethod = node.get("/v1/pipelines/login-risk/evaluate", Optional.of(TestNode.ADMIN_KEY));

        assertProblem(unknown, 404, "not-found");
        assertProblem(wrongMethod, 405, "method-not-allowed");
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void problemsNameTheRequestAndEchoItsId() {
        HttpResponse<String> response = node.send(HttpRequest.newBuilder(node.uri("/v1/agents"))
                .header("X-Request-Id", "my-id-7").GET().build());

        JsonNode problem = assertProblem(response, 401, "unauthorized");
        assertThat(problem.get("request_id").asText()).isEqualTo("my-id-7");
        assertThat(problem.get("instance").asText()).isEqualTo("/v1/agents");
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(response.headers().firstValue("X-Request-Id")).contains("my-id-7");
    }

    @Test
    void probesAndTheApiDescriptionNeedNoKey() {
        assertThat(node.get("/health", Optional.empty()).body()).contains("UP");
        assertThat(node.get("/ready", Optional.empty()).statusCode()).isEqualTo(200);
        HttpResponse<String> openApi = node.get("/openapi.yaml", Optional.empty());
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).startsWith("openapi: 3.1.0");
    }

    @Test
    void metricsExposeHttpAgentAndJvmSeries() {
        node.evaluate("login-risk", TestNode.SUBMITTER_KEY, TestNode.LOGIN_EVENT);

        HttpResponse<String> metrics = node.get("/metrics", Optional.empty());

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body())
                .contains("http_server_requests_seconds_bucket{")
                .contains("uri=\"/v1/pipelines/{name}/evaluate\"")
                .contains("http_server_requests_active")
                .contains("aegis_agent_calls_seconds_count{agent=\"velocity\"")
                .contains("jvm_memory_used_bytes")
                .contains("jvm_gc_")
                .contains("jvm_threads_live_threads")
                .contains("jvm_classes_loaded_classes")
                .contains("system_cpu_count")
                .contains("jvm_threads_virtual");
    }

    /** Sends raw bytes on a fresh connection and reads until the server closes it. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", node.server().port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status, String kind) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = TestNode.json(response);
        assertThat(problem.get("type").asText()).isEqualTo("urn:aegis:problem:" + kind);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(problem.get("request_id").asText()).isNotBlank();
        assertThat(problem.has("instance")).isTrue();
        assertThat(problem.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        return problem;
    }
}
