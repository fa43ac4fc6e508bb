package dev.aegis.core.router;

import java.util.List;

/** Fans an evaluation out to a pipeline's agents in parallel under one deadline, then applies the policy. */
public final class Router {

    /** @throws UnknownPipelineException when no pipeline has that name */
    public Evaluation evaluate(String pipeline, EvaluationRequest request) {
        throw new UnsupportedOperationException("in progress");
    }

    public List<PipelineView> pipelines() {
        throw new UnsupportedOperationException("in progress");
    }
}
