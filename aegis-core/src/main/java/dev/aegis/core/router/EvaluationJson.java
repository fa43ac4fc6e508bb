package dev.aegis.core.router;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * The fields of an evaluation as Aegis writes it, on the evaluate endpoint and on the decisions topic alike:
 * {@code "id", "pipeline", "subject", "decision", "score", "reasons", "agents": [{"agent", "status", "score"?,
 * "latency_ms"}], "latency_ms"}.
 */
public final class EvaluationJson {

    private EvaluationJson() {
    }

    /** Writes the fields into the object the generator has open. */
    public static void writeFields(JsonGenerator json, Evaluation evaluation) throws IOException {
        json.writeStringField("id", evaluation.id());
        json.writeStringField("pipeline", evaluation.pipeline());
        json.writeStringField("subject", evaluation.subject());
        json.writeStringField("decision", evaluation.decision().name());
        json.writeNumberField("score", evaluation.score());
        json.writeArrayFieldStart("reasons");
        for (String reason : evaluation.reasons()) {
            json.writeString(reason);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("agents");
        for (AgentReport agent : evaluation.agents()) {
            writeAgent(json, agent);
        }
        json.writeEndArray();
        json.writeNumberField("latency_ms", evaluation.latencyMs());
    }

    private static void writeAgent(JsonGenerator json, AgentReport agent) throws IOException {
        json.writeStartObject();
        json.writeStringField("agent", agent.agent());
        json.writeStringField("status", agent.status().name());
        if (agent.score().isPresent()) {
            json.writeNumberField("score", agent.score().get());
        }
        json.writeNumberField("latency_ms", agent.latencyMs());
        json.writeEndObject();
    }
}
