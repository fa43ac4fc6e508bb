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

    private Router(Map<String, CompiledPipeline> pipelines) {
        this.pipelines = pipelines;
        this.views = pipelines.values().stream().map(CompiledPipeline::view)
                .sorted(Comparator.comparing(PipelineView::name)).toList();
    }

    /**
     * Compiles every pipeline over the registry's agents: policies compiled, meters
     * ({@code aegis.decisions}, tagged pipeline and decision) registered.
     *
     * @throws dev.aegis.core.config.ConfigException when a policy does not compile
     */
    public static Router create(Map<String, PipelineConfig> pipelines, AgentRegistry agents, MeterRegistry meters,
            TimeSource time) {
        return new Router(pipelines.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                entry -> new CompiledPipeline(entry.getKey(), entry.getValue(), agents, meters, time))));
    }

    /**
     * Evaluates one request: returns by the pipeline's deadline (plus the policy's few microseconds) whatever
     * the agents do.
     *
     * @throws UnknownPipelineException when no pipeline has that name
     */
    public Evaluation evaluate(String pipeline, EvaluationRequest request) {
        CompiledPipeline compiled = pipelines.get(pipeline);
        if (compiled == null) {
            throw new UnknownPipelineException(pipeline);
        }
        return compiled.evaluate(request);
    }

    /** Every pipeline, by name. */
    public List<PipelineView> pipelines() {
        return views;
    }
}
