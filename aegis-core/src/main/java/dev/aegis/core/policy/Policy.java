package dev.aegis.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.core.config.PipelineConfig;
import dev.aegis.core.router.AgentReport;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * A pipeline's decision policy, compiled once: turns the agents' reports into a decision, a combined score and
 * the reasons. Thread-safe; keeps nothing between evaluations.
 */
public interface Policy {

    /**
     * Decides one evaluation.
     *
     * @param agents the agents' reports, in the pipeline's member order
     * @param subject what the evaluation is about
     * @param event the evaluated event, as JSON
     */
    Verdict decide(List<AgentReport> agents, String subject, JsonNode event);

    /**
     * Compiles the pipeline's policy (every CEL expression, checked against the policy's variables and the
     * pipeline's members).
     *
     * @param meters where run-time expression errors are counted ({@code aegis.policy.errors}, tagged pipeline)
     * @throws dev.aegis.core.config.ConfigException {@code <file>:<line>: <reason>} for the first bad expression
     */
    static Policy compile(String name, PipelineConfig pipeline, MeterRegistry meters) {
        return CelPolicy.compile(name, pipeline, meters);
    }
}
