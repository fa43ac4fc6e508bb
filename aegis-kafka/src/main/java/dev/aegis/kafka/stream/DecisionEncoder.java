package dev.aegis.kafka.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.aegis.core.router.Evaluation;
import dev.aegis.core.router.EvaluationJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A decision as the decisions topic carries it: the event id, then the evaluation exactly as the evaluate endpoint
 * answers it, {@code {"event_id", "id", "pipeline", "subject", "decision", "score", "reasons", "agents": [{"agent",
 * "status", "score"?, "latency_ms"}], "latency_ms"}}.
 */
final class DecisionEncoder {

    private static final JsonFactory FACTORY = new JsonFactory();

    private DecisionEncoder() {}

    static byte[] encode(String eventId, Evaluation evaluation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("event_id", eventId);
            EvaluationJson.writeFields(json, evaluation);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
