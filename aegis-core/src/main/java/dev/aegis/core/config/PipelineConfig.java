package dev.aegis.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** A pipeline under {@code pipelines.<name>}: its agents, the absolute deadline, and the policy. */
public record PipelineConfig(Duration deadline, List<Member> agents, PolicyConfig policy) {

    public PipelineConfig {
        Objects.requireNonNull(deadline, "deadline");
        agents = List.copyOf(agents);
        Objects.requireNonNull(policy, "policy");
    }

    /** An agent taking part, and what its absence (timeout, error, rejection, open circuit) means. */
    public record Member(String agent, FailureMode onMissing) {

        public Member {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(onMissing, "onMissing");
        }

        /** A member that may be missing without effect on the decision. */
        public static Member open(String agent) {
            return new Member(agent, FailureMode.OPEN);
        }

        /** A member whose absence raises the decision to the policy's closed decision. */
        public static Member closed(String agent) {
            return new Member(agent, FailureMode.CLOSED);
        }
    }

    /** {@code OPEN}: decide without it. {@code CLOSED}: the decision is at least the policy's closed decision. */
    public enum FailureMode {
        OPEN,
        CLOSED
    }
}
