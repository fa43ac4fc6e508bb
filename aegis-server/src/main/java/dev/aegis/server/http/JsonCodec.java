package dev.aegis.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.aegis.api.audit.AuditVerification;
import dev.aegis.api.index.DecisionSummary;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskPage;
import dev.aegis.api.task.TaskStatus;
import dev.aegis.api.task.TaskTarget;
import dev.aegis.api.task.Transition;
import dev.aegis.core.router.Evaluation;
import dev.aegis.core.router.EvaluationJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The one JSON codec of the API: a shared, preconfigured mapper for reading bodies into trees, and hand-written
 * generators for the hot-path responses (evaluations, tasks, problems), so no request pays for reflection.
 */
final class JsonCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectReader TREE_READER = MAPPER.reader();
    private static final ObjectWriter WRITER = MAPPER.writer();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private JsonCodec() {}

    /** Parses a request body; an empty body gives an empty Optional. */
    static Optional<JsonNode> readTree(byte[] body) throws JsonProcessingException {
        try {
            JsonNode node = TREE_READER.readTree(body);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serializes a registry view (records, snake_case keys); these routes are not on the hot path. */
    static byte[] write(Object value) {
        try {
            return WRITER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] evaluation(Evaluation evaluation) {
        return generate(512, json -> {
            json.writeStartObject();
            EvaluationJson.writeFields(json, evaluation);
            json.writeEndObject();
        });
    }

    /**
     * Decision summaries, newest first: {@code {"subject"?, "decisions": [{"id", "pipeline", "decision", "score",
     * "region"?, "reasons", "at"}]}}.
     */
    static byte[] decisions(Optional<String> subject, List<DecisionSummary> decisions) {
        return generate(64 + 256 * decisions.size(), json -> {
            json.writeStartObject();
            if (subject.isPresent()) {
                json.writeStringField("subject", subject.get());
            }
            json.writeArrayFieldStart("decisions");
            for (DecisionSummary decision : decisions) {
                writeDecision(json, decision, subject.isEmpty());
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** {@code {"ok", "records", "first_bad"?: {"location", "sequence", "reason"}}}. */
    static byte[] verification(AuditVerification verification) {
        return generate(128, json -> {
            json.writeStartObject();
            json.writeBooleanField("ok", verification.ok());
            json.writeNumberField("records", verification.records());
            if (verification.firstBad().isPresent()) {
                AuditVerification.BadRecord bad = verification.firstBad().get();
                json.writeObjectFieldStart("first_bad");
                json.writeStringField("location", bad.location());
                json.writeNumberField("sequence", bad.sequence());
                json.writeStringField("reason", bad.reason());
                json.writeEndObject();
            }
            json.writeEndObject();
        });
    }

    /** A task in full: with its input and its history. */
    static byte[] task(Task task) {
        return generate(512, json -> writeTask(json, task, true));
    }

    /** A page of tasks, each without its input and history, and the cursor of the next page when there is one. */
    static byte[] taskPage(TaskPage page) {
        return generate(128 + 256 * page.tasks().size(), json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("tasks");
            for (Task task : page.tasks()) {
                writeTask(json, task, false);
            }
            json.writeEndArray();
            if (page.nextCursor().isPresent()) {
                json.writeStringField("next_cursor", page.nextCursor().get());
            }
            json.writeEndObject();
        });
    }

    static byte[] problem(ProblemType type, int status, String detail, String instance, Optional<String> field,
            String requestId) {
        return generate(256, json -> {
            json.writeStartObject();
            json.writeStringField("type", type.uri());
            json.writeStringField("title", type.title());
            json.writeNumberField("status", status);
            json.writeStringField("detail", detail);
            json.writeStringField("instance", instance);
            if (field.isPresent()) {
                json.writeStringField("field", field.get());
            }
            json.writeStringField("request_id", requestId);
            json.writeEndObject();
        });
    }

    /** A small JSON object of string fields, e.g. {@code {"status":"UP"}}. */
    static byte[] object(String field, String value) {
        return generate(32, json -> {
            json.writeStartObject();
            json.writeStringField(field, value);
            json.writeEndObject();
        });
    }

    private static void writeDecision(JsonGenerator json, DecisionSummary decision, boolean withSubject)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("id", decision.evaluationId());
        if (withSubject) {
            json.writeStringField("subject", decision.subject());
        }
        json.writeStringField("pipeline", decision.pipeline());
        json.writeStringField("decision", decision.decision());
        json.writeNumberField("score", decision.score());
        writeOptionalString(json, "region", decision.region());
        json.writeArrayFieldStart("reasons");
        for (String reason : decision.reasons()) {
            json.writeString(reason);
        }
        json.writeEndArray();
        json.writeStringField("at", decision.time().toString());
        json.writeEndObject();
    }

    private static void writeTask(JsonGenerator json, Task task, boolean full) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", task.id());
        boolean agent = task.target().kind() == TaskTarget.Kind.AGENT;
        json.writeStringField(agent ? "agent" : "pipeline", task.target().name());
        json.writeStringField("priority", task.priority().label());
        json.writeStringField("status", task.status().name());
        json.writeNumberField("attempts", task.attempts());
        json.writeNumberField("max_attempts", task.maxAttempts());
        json.writeNumberField("timeout_ms", task.timeout().toMillis());
        writeOptionalString(json, "idempotency_key", task.idempotencyKey());
        if (full) {
            json.writeFieldName("input");
            json.writeTree(task.input());
        }
        writeProgress(json, task);
        if (full) {
            writeHistory(json, task.history());
        }
        json.writeEndObject();
    }

    /** The result or error, when the next attempt may start (while one waits), and the timestamps. */
    private static void writeProgress(JsonGenerator json, Task task) throws IOException {
        if (task.result().isPresent()) {
            json.writeFieldName("result");
            json.writeTree(task.result().get());
        }
        writeOptionalString(json, "error", task.error());
        if (task.status() == TaskStatus.QUEUED || task.status() == TaskStatus.FAILED) {
            json.writeStringField("run_at", task.runAt().toString());
        }
        json.writeStringField("created_at", task.createdAt().toString());
        json.writeStringField("updated_at", task.updatedAt().toString());
    }

    private static void writeHistory(JsonGenerator json, List<Transition> history) throws IOException {
        json.writeArrayFieldStart("history");
        for (Transition transition : history) {
            json.writeStartObject();
            json.writeStringField("status", transition.status().name());
            json.writeStringField("at", transition.at().toString());
            json.writeNumberField("attempt", transition.attempt());
            writeOptionalString(json, "detail", transition.detail());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeOptionalString(JsonGenerator json, String field, Optional<String> value)
            throws IOException {
        if (value.isPresent()) {
            json.writeStringField(field, value.get());
        }
    }

    private static byte[] generate(int sizeHint, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }
}
