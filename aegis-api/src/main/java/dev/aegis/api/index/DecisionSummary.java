package dev.aegis.api.index;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One decision as the index keeps it.
 *
 * @param evaluationId the evaluation's id, unique
 * @param decision what the policy decided: ALLOW, REVIEW or BLOCK
 * @param region where the event came from, when the event said (its {@code region} field)
 * @param reasons the reasons the decision gave, in order
 */
public record DecisionSummary(String tenant, String subject, Instant time, String evaluationId, String pipeline,
        String decision, double score, Optional<String> region, List<String> reasons) {

    public DecisionSummary {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(evaluationId, "evaluationId");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(region, "region");
        reasons = List.copyOf(reasons);
    }
}
