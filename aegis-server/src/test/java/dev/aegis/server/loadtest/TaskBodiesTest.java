package dev.aegis.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.api.AegisException;
import dev.aegis.api.task.Priority;
import dev.aegis.api.time.TimeSource;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TaskBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void bodiesSubmitATaskForTheAgentWithACountingInput() throws IOException {
        TaskBodies bodies = new TaskBodies(new TaskSubmits("echo", Optional.of(Priority.HIGH)));

        List<JsonNode> submitted = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            submitted.add(JSON.readTree(bodies.nextBody(0, 0)));
        }

        assertThat(bodies.size()).isOne();
        assertThat(submitted).allSatisfy(body -> {
            assertThat(body.properties()).extracting(field -> field.getKey())
                    .containsExactly("agent", "priority", "input");
            assertThat(body.path("agent").asText()).isEqualTo("echo");
            assertThat(body.path("priority").asText()).isEqualTo("high");
        });
        assertThat(submitted).extracting(body -> body.path("input").path("n").asLong())
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    }

    @Test
    void withoutAFixedPriorityEachTemplateTakesTheNextPriorityInTurn() throws IOException {
        TaskBodies bodies = new TaskBodies(new TaskSubmits("echo", Optional.empty()));

        List<String> priorities = new ArrayList<>();
        for (long ticket = 0; ticket < 8; ticket++) {
            priorities.add(JSON.readTree(bodies.nextBody((int) (ticket % bodies.size()), 0)).path("priority").asText());
        }

        assertThat(priorities).containsExactly("critical", "high", "normal", "low", "critical", "high", "normal", "low");
    }

    @Test
    void everyBodyOfATemplateHasTheTemplatesLengthHoweverLargeItsNumber() {
        TaskBodies bodies = new TaskBodies(new TaskSubmits("echo", Optional.empty()));

        for (int i = 0; i < 20_000; i++) {
            int template = i % bodies.size();
            assertThat(bodies.nextBody(template, 0)).hasSize(bodies.length(template));
        }
    }

    @Test
    void theNioRequestPostsToTheTasksEndpointWithTheBodysLength() {
        TaskBodies bodies = new TaskBodies(new TaskSubmits("echo", Optional.of(Priority.LOW)));
        HttpRequestBytes requests = new HttpRequestBytes(plan(Optional.of(new TaskSubmits("echo",
                Optional.of(Priority.LOW)))), bodies, TimeSource.system());
        ByteBuffer out = ByteBuffer.allocate(requests.maxLength());

        requests.write(0, out);

        String request = StandardCharsets.US_ASCII.decode(out).toString();
        assertThat(request).startsWith("POST /v1/tasks HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n")
                .contains("Authorization: Bearer k\r\n", "Content-Length: " + bodies.length(0) + "\r\n\r\n")
                .endsWith("\"priority\":\"low\",\"input\":{\"n\":" + " ".repeat(18) + "0}}");
    }

    @Test
    void thePlanSendsToTheTasksEndpointInTaskModeOnly() {
        assertThat(plan(Optional.of(new TaskSubmits("echo", Optional.empty()))).requestUri())
                .isEqualTo(URI.create("http://127.0.0.1:8080/v1/tasks"));
        assertThat(plan(Optional.empty()).requestUri())
                .isEqualTo(URI.create("http://127.0.0.1:8080/v1/pipelines/login-risk/evaluate"));
        assertThat(plan(Optional.empty()).metricsUri()).isEqualTo(URI.create("http://127.0.0.1:8080/metrics"));
    }

    @Test
    void aBadAgentNameOrPriorityFailsBeforeAnythingIsSent() {
        assertThatThrownBy(() -> TaskSubmits.of("ec\"ho", Optional.empty()))
                .isInstanceOf(AegisException.class).hasMessage("agent name 'ec\"ho' is not a valid name");
        assertThatThrownBy(() -> TaskSubmits.of("echo", Optional.of("urgent")))
                .isInstanceOf(AegisException.class)
                .hasMessage("priority must be one of critical, high, normal, low, got 'urgent'");
        assertThat(TaskSubmits.of("echo", Optional.of(" Critical")).priority()).contains(Priority.CRITICAL);
    }

    private static LoadTestPlan plan(Optional<TaskSubmits> tasks) {
        return new LoadTestPlan(URI.create("http://127.0.0.1:8080"), "login-risk", 100, Duration.ofSeconds(1),
                Duration.ZERO, 1, Optional.of("k"), 10, OptionalLong.empty(), Duration.ofSeconds(1), 42, 1,
                SloTargets.defaults(), LoadTestPlan.Client.NIO, tasks);
    }
}
