package dev.aegis.core.config;

import dev.aegis.core.router.Decision;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A decision policy in CEL: rules are tried in order and the first whose {@code when} holds decides;
 * otherwise {@code otherwise} decides.
 */
public record PolicyConfig(
        Optional<SourceText> score, List<Rule> rules, Decision otherwise, Decision whenClosedAgentMissing) {

    public PolicyConfig {
        Objects.requireNonNull(score, "score");
        rules = List.copyOf(rules);
        Objects.requireNonNull(otherwise, "otherwise");
        Objects.requireNonNull(whenClosedAgentMissing, "whenClosedAgentMissing");
    }

    /** No rules: every evaluation ends {@code ALLOW} unless a fail-closed agent is missing ({@code REVIEW}). */
    public static PolicyConfig allowAll() {
        return new PolicyConfig(Optional.empty(), List.of(), Decision.ALLOW, Decision.REVIEW);
    }

    /** One rule: a CEL boolean expression, the decision it leads to, and the reason reported. */
    public record Rule(SourceText when, Decision decision, String reason) {

        public Rule {
            Objects.requireNonNull(when, "when");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
