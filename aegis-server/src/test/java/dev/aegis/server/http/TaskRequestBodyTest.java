package dev.aegis.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.TaskTarget;
import dev.aegis.core.task.TaskRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskRequestBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsEveryField() {
        TaskRequest request = TaskRequestBody.parse(body("""
                {"agent": "echo", "priority": "HIGH", "input": [1, 2], "idempotency_key": "order-7",
                 "max_attempts": 5, "timeout_ms": 1500}"""));

        assertThat(request).isEqualTo(new TaskRequest(TaskTarget.agent("echo"), Priority.HIGH,
                JSON.createArrayNode().add(1).add(2), Optional.of("order-7"), Optional.of(5),
                Optional.of(Duration.ofMillis(1500))));
    }

    @Test
    void absentAndNullOptionalFieldsTakeTheDefaults() {
        TaskRequest request = TaskRequestBody.parse(body("""
                {"pipeline": "login-risk", "agent": null, "priority": null, "input": {"subject": "s", "event": {}},
                 "idempotency_key": null, "max_attempts": null}"""));

        assertThat(request.target()).isEqualTo(TaskTarget.pipeline("login-risk"));
        assertThat(request.priority()).isEqualTo(Priority.NORMAL);
        assertThat(request.idempotencyKey()).isEmpty();
        assertThat(request.maxAttempts()).isEmpty();
        assertThat(request.timeout()).isEmpty();
    }

    @ParameterizedTest(name = "{0} is a 400 on {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"input": {}}                                             | agent           | agent or pipeline is required
            {"agent": "echo", "pipeline": "login-risk", "input": {}}   | agent           | not both
            {"agent": "  ", "input": {}}                               | agent           | was blank
            {"pipeline": 7, "input": {}}                               | pipeline        | must be a string, was a number
            {"agent": "echo"}                                          | input           | input is required
            {"agent": "echo", "input": null}                           | input           | input is required
            {"agent": "echo", "input": {}, "priority": "urgent"}       | priority        | [critical, high, normal, low]
            {"agent": "echo", "input": {}, "priority": 1}              | priority        | must be a string
            {"agent": "echo", "input": {}, "max_attempts": "3"}        | max_attempts    | must be an integer, was a string
            {"agent": "echo", "input": {}, "max_attempts": 2.5}        | max_attempts    | must be an integer
            {"agent": "echo", "input": {}, "max_attempts": 9999999999} | max_attempts    | from 1 to 100
            {"agent": "echo", "input": {}, "timeout_ms": true}         | timeout_ms      | must be an integer, was a boolean
            {"agent": "echo", "input": {}, "idempotency_key": {}}      | idempotency_key | must be a string, was an object
            {"agent": "echo", "input": {}, "agnet": "echo"}            | agnet           | unknown field 'agnet'
            """)
    void aFieldAtFaultIsA400NamingIt(String json, String field, String detail) {
        assertThatThrownBy(() -> TaskRequestBody.parse(body(json)))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.type()).isEqualTo(ProblemType.INVALID_FIELD);
                    assertThat(problem.field()).contains(field);
                    assertThat(problem.detail()).contains(detail);
                });
    }

    @Test
    void anUnknownFieldIsNamedBeforeAMissingOne() {
        assertThatThrownBy(() -> TaskRequestBody.parse(body("{\"agnet\": \"echo\", \"input\": {}}")))
                .isInstanceOfSatisfying(ProblemException.class,
                        problem -> assertThat(problem.field()).contains("agnet"));
    }

    private static ObjectNode body(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
