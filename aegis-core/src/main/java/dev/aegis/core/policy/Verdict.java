package dev.aegis.core.policy;

import dev.aegis.core.router.Decision;
import java.util.List;
import java.util.Objects;

/** What a policy decided: the decision, the combined score and the reasons, the deciding reason first. */
public record Verdict(Decision decision, double score, List<String> reasons) {

    public Verdict {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reasons, "reasons");
    }
}
