package dev.aegis.core.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.agent.AgentInput;
import dev.aegis.api.agent.AgentOutcome;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskTarget;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.AegisEngine;
import dev.aegis.core.agent.AgentResult;
import dev.aegis.core.agent.CallContext;
import dev.aegis.core.agent.UnknownAgentException;
import dev.aegis.core.router.AgentReport;
import dev.aegis.core.router.Evaluation;
import dev.aegis.core.router.EvaluationRequest;
import dev.aegis.core.router.UnknownPipelineException;
import java.util.Optional;

/**
 * Runs one attempt of a task on the engine, with the task id as the request id (so that agents can recognise a
 * retry of the same work) and the task's timeout as the deadline. Agents answer through their guards; a
 * pipeline answers its evaluation, which is a result whatever its agents did.
 */
final class TaskExecution {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AegisEngine engine;
    private final TimeSource time;

    TaskExecution(AegisEngine engine, TimeSource time) {
        this.engine = engine;
        this.time = time;
    }

    AttemptResult run(Task task) {
        CallContext context = CallContext.of(task.tenant(), task.id(), time, task.timeout());
        try {
            return task.target().kind() == TaskTarget.Kind.AGENT ? callAgent(task, context)
                    : evaluate(task, context);
        } catch (UnknownAgentException | UnknownPipelineException e) {
            return new AttemptResult.Failed(e.getMessage(), false);
        } catch (RuntimeException e) {
            return new AttemptResult.Failed("ERROR: " + e, true);
        }
    }

    private AttemptResult callAgent(Task task, CallContext context) {
        AgentResult answer = engine.agents().call(task.target().name(), AgentInput.of(task.input()), context);
        return switch (answer.outcome()) {
            case AgentOutcome.Success success -> new AttemptResult.Done(resultOf(success));
            case AgentOutcome.Failure failure -> new AttemptResult.Failed(
                    answer.status() + ": " + failure.reason(), failure.retryable());
        };
    }

    private static JsonNode resultOf(AgentOutcome.Success success) {
        ObjectNode result = JSON.createObjectNode();
        result.put("score", success.score());
        result.set("reasons", JSON.valueToTree(success.reasons()));
        success.payload().ifPresent(payload -> result.set("payload", payload));
        return result;
    }

    private AttemptResult evaluate(Task task, CallContext context) {
        Optional<String> invalid = PipelineInput.problem(task.input());
        if (invalid.isPresent()) {
            return new AttemptResult.Failed(invalid.get(), false);
        }
        EvaluationRequest request = new EvaluationRequest(context.tenant(), TaskWorkers.ACTOR, task.id(),
                task.input().get("subject").asText(), task.input().get("event"));
        Evaluation evaluation = engine.router().evaluate(task.target().name(), request);
        return new AttemptResult.Done(resultOf(evaluation));
    }

    /** The evaluation in the shape the evaluate endpoint answers. */
    private static JsonNode resultOf(Evaluation evaluation) {
        ObjectNode result = JSON.createObjectNode();
        result.put("id", evaluation.id());
        result.put("pipeline", evaluation.pipeline());
        result.put("subject", evaluation.subject());
        result.put("decision", evaluation.decision().name());
        result.put("score", evaluation.score());
        result.set("reasons", JSON.valueToTree(evaluation.reasons()));
        ArrayNode agents = result.putArray("agents");
        for (AgentReport report : evaluation.agents()) {
            ObjectNode agent = agents.addObject().put("agent", report.agent()).put("status", report.status().name());
            report.score().ifPresent(score -> agent.put("score", score));
            agent.put("latency_ms", report.latencyMs());
        }
        result.put("latency_ms", evaluation.latencyMs());
        return result;
    }
}
