package dev.aegis.core.router;

import dev.aegis.api.time.TimeSource;
import dev.aegis.core.agent.AgentRegistry;
import dev.aegis.core.config.PipelineConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Fans an evaluation out to a pipeline's agents in parallel under one deadline, then applies the policy. */
public final class Router {

    private final Map<String, CompiledPipeline> pipelines;
    private final List<PipelineView> views;
    private final DecisionListener decisions;

    private Router(Map<String, CompiledPipeline> pipelines, DecisionListener decisions) {
        this.pipelines = pipelines;
        this.decisions = decisions;
        this.views = pipelines.values().stream().map(CompiledPipeline::view)
                .sorted(Comparator.comparing(PipelineView::name)).toList();
    }

    /**
     * Compiles every pipeline over the registry's agents: policies compiled, meters
     * ({@code aegis.decisions}, tagged pipeline and decision) registered. Every decision is handed to
     * {@code decisions}.
     *
     * @throws dev.aegis.core.config.ConfigException when a policy does not compile
     */
    public static Router create(Map<String, PipelineConfig> pipelines, AgentRegistry agents, MeterRegistry meters,
            TimeSource time, DecisionListener decisions) {
        return new Router(pipelines.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                entry -> new CompiledPipeline(entry.getKey(), entry.getValue(), agents, meters, time))), decisions);
    }

    /**
     * Evaluates one request: returns by the pipeline's deadline (plus the policy's few microseconds) whatever
     * the agents do, and hands the decision to the listener.
     *
     * @throws UnknownPipelineException when no pipeline has that name
     * @throws DecisionNotRecordedException when decisions cannot be recorded now; no agent ran
     */
    public Evaluation evaluate(String pipeline, EvaluationRequest request) {
        CompiledPipeline compiled = pipelines.get(pipeline);
        if (compiled == null) {
            throw new UnknownPipelineException(pipeline);
        }
        if (!decisions.accepting()) {
            throw new DecisionNotRecordedException("decisions cannot be recorded now: the audit log is behind");
        }
        Evaluation evaluation = compiled.evaluate(request);
        decisions.decided(request, evaluation);
        return evaluation;
    }

    /** Every pipeline, by name. */
    public List<PipelineView> pipelines() {
        return views;
    }
}
