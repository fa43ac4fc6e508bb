package dev.aegis.kafka.stream;

import dev.aegis.api.time.TimeSource;
import dev.aegis.core.agent.AgentRegistry;
import dev.aegis.core.config.PipelineConfig;
import dev.aegis.core.router.DecisionListener;
import dev.aegis.core.router.Evaluation;
import dev.aegis.core.router.EvaluationRequest;
import dev.aegis.core.router.Router;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Evaluates one event of the stream and records its decision. */
@FunctionalInterface
public interface EventEvaluator {

    /**
     * Evaluates {@code request} (whose request id is the event id) with {@code pipeline}; the evaluation's id is the
     * decision id.
     *
     * @throws dev.aegis.core.router.UnknownPipelineException when no pipeline has that name: the event is
     *     dead-lettered
     * @throws dev.aegis.core.router.DecisionNotRecordedException when decisions cannot be recorded now: the event is
     *     tried again later
     */
    Evaluation evaluate(String pipeline, EvaluationRequest request);

    /**
     * Completes once every decision evaluated so far is recorded for good (audit log and index); the stream commits
     * its offsets only then, so that a node killed meanwhile leaves those events to be evaluated again.
     */
    default CompletableFuture<Void> recorded() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The core's router over the node's own agents (their guards, circuits and state shared with the HTTP API), its
     * decisions handed to {@code decisions}, the node's audit trail and metadata index, exactly as the HTTP API's
     * are, but under the decision id that the tenant, the pipeline and the event id derive (see {@code DecisionIds}),
     * so that a replayed event is recorded and answered under the id it had.
     */
    static EventEvaluator recorded(Map<String, PipelineConfig> pipelines, AgentRegistry agents,
            DecisionListener decisions, MeterRegistry meters, TimeSource time) {
        Router router = Router.create(pipelines, agents, meters, time, new IdentifiedDecisions(decisions));
        return new EventEvaluator() {
            @Override
            public Evaluation evaluate(String pipeline, EvaluationRequest request) {
                return DecisionIds.identified(request, router.evaluate(pipeline, request));
            }

            @Override
            public CompletableFuture<Void> recorded() {
                return decisions.recorded();
            }
        };
    }
}
