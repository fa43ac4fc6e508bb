package dev.aegis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskPage;
import dev.aegis.api.task.TaskTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00.123456Z");

    @Test
    void aTaskInFullHasItsInputResultAndHistory() {
        Task task = queued(TaskTarget.agent("echo"), Optional.of("order-7"))
                .started(CREATED.plusSeconds(1))
                .succeeded(CREATED.plusSeconds(2), read("{\"payload\": {\"n\": 1}}"));

        JsonNode json = read(JsonCodec.task(task));

        assertThat(json).isEqualTo(read("""
                {"id": "t-1", "agent": "echo", "priority": "high", "status": "SUCCEEDED", "attempts": 1,
                 "max_attempts": 3, "timeout_ms": 1500, "idempotency_key": "order-7", "input": {"n": 1},
                 "result": {"payload": {"n": 1}},
                 "created_at": "2026-03-01T10:00:00.123456Z", "updated_at": "2026-03-01T10:00:02.123456Z",
                 "history": [
                   {"status": "QUEUED", "at": "2026-03-01T10:00:00.123456Z", "attempt": 0},
                   {"status": "RUNNING", "at": "2026-03-01T10:00:01.123456Z", "attempt": 1},
                   {"status": "SUCCEEDED", "at": "2026-03-01T10:00:02.123456Z", "attempt": 1}]}"""));
    }

    @Test
    void aTaskWaitingForItsRetryHasItsErrorAndWhenItRunsNext() {
        Task task = queued(TaskTarget.pipeline("login-risk"), Optional.empty())
                .started(CREATED)
                .failed(CREATED.plusSeconds(1), "TIMEOUT: slow", CREATED.plusSeconds(3));

        JsonNode json = read(JsonCodec.task(task));

        assertThat(json.get("pipeline").asText()).isEqualTo("login-risk");
        assertThat(json.has("agent")).isFalse();
        assertThat(json.has("idempotency_key")).isFalse();
        assertThat(json.has("result")).isFalse();
        assertThat(json.get("error").asText()).isEqualTo("TIMEOUT: slow");
        assertThat(json.get("run_at").asText()).isEqualTo("2026-03-01T10:00:03.123456Z");
        assertThat(json.get("history").get(2).get("detail").asText()).isEqualTo("TIMEOUT: slow");
    }

    @Test
    void aRunningTaskHasNoRunAt() {
        Task task = queued(TaskTarget.agent("echo"), Optional.empty()).started(CREATED);

        assertThat(read(JsonCodec.task(task)).has("run_at")).isFalse();
    }

    @Test
    void aPageListsTasksWithoutInputOrHistoryAndItsNextCursorWhenThereIsOne() {
        Task task = queued(TaskTarget.agent("echo"), Optional.empty());

        JsonNode more = read(JsonCodec.taskPage(new TaskPage(List.of(task), Optional.of("t-1"))));
        JsonNode last = read(JsonCodec.taskPage(new TaskPage(List.of(), Optional.empty())));

        assertThat(more.get("tasks")).hasSize(1);
        assertThat(more.get("tasks").get(0).get("id").asText()).isEqualTo("t-1");
        assertThat(more.get("tasks").get(0).get("run_at").asText()).isEqualTo("2026-03-01T10:00:00.123456Z");
        assertThat(more.get("tasks").get(0).has("input")).isFalse();
        assertThat(more.get("tasks").get(0).has("history")).isFalse();
        assertThat(more.get("next_cursor").asText()).isEqualTo("t-1");
        assertThat(last).isEqualTo(read("{\"tasks\": []}"));
    }

    private static Task queued(TaskTarget target, Optional<String> key) {
        return Task.create("t-1", "acme", target, Priority.HIGH, read("{\"n\": 1}"), key, 3,
                Duration.ofMillis(1500), CREATED);
    }

    private static JsonNode read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode read(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
