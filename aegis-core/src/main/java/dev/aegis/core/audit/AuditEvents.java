package dev.aegis.core.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.audit.AuditEvent;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.Transition;
import dev.aegis.core.router.AgentReport;
import dev.aegis.core.router.Evaluation;
import dev.aegis.core.router.EvaluationRequest;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** The audit events of what the core does: decisions and task moves. */
final class AuditEvents {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AuditEvents() {}

    static AuditEvent decision(EvaluationRequest request, Evaluation evaluation, Instant at) {
        ObjectNode details = JSON.objectNode()
                .put("pipeline", evaluation.pipeline())
                .put("subject", evaluation.subject())
                .put("decision", evaluation.decision().name())
                .put("score", evaluation.score());
        ArrayNode reasons = details.putArray("reasons");
        evaluation.reasons().forEach(reasons::add);
        ArrayNode agents = details.putArray("agents");
        for (AgentReport report : evaluation.agents()) {
            ObjectNode agent = agents.addObject().put("agent", report.agent()).put("status", report.status().name());
            report.score().ifPresent(score -> agent.put("score", score));
        }
        details.put("latency_ms", evaluation.latencyMs());
        return new AuditEvent(at, request.tenant(), request.actor(), Optional.ofNullable(request.requestId()),
                "decision", "evaluation/" + evaluation.id(), details);
    }

    static AuditEvent taskTransition(Task task, Transition move, Origin origin) {
        ObjectNode details = JSON.objectNode()
                .put("status", move.status().name())
                .put("attempt", move.attempt())
                .put(task.target().kind().name().toLowerCase(Locale.ROOT), task.target().name())
                .put("priority", task.priority().name());
        move.detail().ifPresent(detail -> details.put("detail", detail));
        return new AuditEvent(move.at(), task.tenant(), origin.actor(), origin.requestId(), "task.transition",
                "task/" + task.id(), details);
    }
}
