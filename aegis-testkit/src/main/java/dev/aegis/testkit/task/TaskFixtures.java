package dev.aegis.testkit.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskTarget;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Tasks for contract tests: ids that sort by creation (a zero-padded counter after a fixed prefix), one fixed
 * creation time, and JSON inputs that round-trip.
 */
public final class TaskFixtures {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private long next;

    public Task queued(String tenant, Priority priority) {
        return queued(tenant, priority, 3, Duration.ofSeconds(30));
    }

    public Task queued(String tenant, Priority priority, int maxAttempts, Duration timeout) {
        return Task.create(nextId(), tenant, TaskTarget.agent("echo"), priority, json("{\"n\":" + next + "}"),
                Optional.empty(), maxAttempts, timeout, T0);
    }

    public Task withKey(String tenant, String idempotencyKey) {
        return Task.create(nextId(), tenant, TaskTarget.pipeline("login-risk"), Priority.NORMAL,
                json("{\"subject\":\"alice\"}"), Optional.of(idempotencyKey), 3, Duration.ofSeconds(30), T0);
    }

    /** {@code seconds} after the creation time of every fixture. */
    public Instant later(long seconds) {
        return T0.plusSeconds(seconds);
    }

    public JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String nextId() {
        return "task-%012d".formatted(++next);
    }
}
