package dev.aegis.core.config;

import java.time.Duration;
import java.util.List;

/** A pipeline under {@code pipelines.<name>}: its agents, the absolute deadline, and the policy. */
public record PipelineConfig(Duration deadline, List<Member> agents, PolicyConfig policy) {

    /** An agent taking part, and what its absence (timeout, error, rejection, open circuit) means. */
    public record Member(String agent, FailureMode onMissing) {}

    /** {@code OPEN}: decide without it. {@code CLOSED}: the decision is at least the policy's closed decision. */
    public enum FailureMode {
        OPEN,
        CLOSED
    }
}
