package dev.aegis.core.config;

import dev.aegis.core.router.Decision;
import java.util.List;
import java.util.Optional;

/**
 * A decision policy in CEL: rules are tried in order and the first whose {@code when} holds decides;
 * otherwise {@code otherwise} decides.
 */
public record PolicyConfig(
        Optional<SourceText> score, List<Rule> rules, Decision otherwise, Decision whenClosedAgentMissing) {

    /** One rule: a CEL boolean expression, the decision it leads to, and the reason reported. */
    public record Rule(SourceText when, Decision decision, String reason) {}
}
