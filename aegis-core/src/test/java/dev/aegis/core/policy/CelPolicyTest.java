package dev.aegis.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.core.config.ConfigException;
import dev.aegis.core.config.PipelineConfig;
import dev.aegis.core.config.PolicyConfig;
import dev.aegis.core.config.SourceText;
import dev.aegis.core.router.AgentReport;
import dev.aegis.core.router.AgentStatus;
import dev.aegis.core.router.Decision;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CelPolicyTest {

    private static final List<PipelineConfig.Member> MEMBERS = List.of(
            PipelineConfig.Member.open("geo"),
            PipelineConfig.Member.closed("ip-reputation"),
            PipelineConfig.Member.open("model"));
    private static final List<PolicyConfig.Rule> RULES = List.of(
            rule("agents[\"ip-reputation\"].ok && agents[\"ip-reputation\"].score >= 1.0", Decision.BLOCK, "deny list", 10),
            rule("score >= 0.8", Decision.BLOCK, "score at or above 0.8", 13),
            rule("score >= 0.5", Decision.REVIEW, "score at or above 0.5", 16));
    private static final JsonNode EVENT = json("{\"amount\": 1200, \"country\": \"FR\", \"tags\": [\"vip\"], \"note\": null}");

    private final MeterRegistry meters = new SimpleMeterRegistry();

    private static PolicyConfig.Rule rule(String when, Decision decision, String reason, int line) {
        return new PolicyConfig.Rule(new SourceText(when, "policy.yaml", line), decision, reason);
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Policy compile(PolicyConfig policy) {
        return Policy.compile("login-risk", new PipelineConfig(Duration.ofMillis(50), MEMBERS, policy), meters);
    }

    private Policy rules(List<PolicyConfig.Rule> rules) {
        return compile(new PolicyConfig(Optional.empty(), rules, Decision.ALLOW, Decision.REVIEW));
    }

    private static AgentReport ok(String agent, double score, String... reasons) {
        return new AgentReport(agent, AgentStatus.OK, Optional.of(score), List.of(reasons), 1.0);
    }

    private static AgentReport missing(String agent, AgentStatus status) {
        return new AgentReport(agent, status, Optional.empty(), List.of("timed out"), 50.0);
    }

    @Test
    void theFirstRuleThatHoldsDecidesAndItsReasonComesFirst() {
        Verdict verdict = rules(RULES).decide(
                List.of(ok("geo", 0.6, "far from home"), ok("ip-reputation", 0.0), ok("model", 0.9, "model says risky")),
                "alice", EVENT);

        assertThat(verdict.decision()).isEqualTo(Decision.BLOCK);
        assertThat(verdict.score()).isEqualTo(0.9);
        assertThat(verdict.reasons()).containsExactly("score at or above 0.8", "far from home", "model says risky");
    }

    @Test
    void otherwiseDecidesWhenNoRuleHolds() {
        Verdict verdict = rules(RULES).decide(
                List.of(ok("geo", 0.1, "a little far"), ok("ip-reputation", 0.0, "clean"), ok("model", 0.2)),
                "alice", EVENT);

        assertThat(verdict.decision()).isEqualTo(Decision.ALLOW);
        assertThat(verdict.score()).isEqualTo(0.2);
        assertThat(verdict.reasons()).as("reasons of agents that scored 0 are left out").containsExactly("a little far");
    }

    @Test
    void aMissingFailClosedAgentRaisesTheDecisionAndSaysWhy() {
        Verdict verdict = rules(RULES).decide(
                List.of(ok("geo", 0.0), missing("ip-reputation", AgentStatus.TIMEOUT), ok("model", 0.1)),
                "alice", EVENT);

        assertThat(verdict.decision()).isEqualTo(Decision.REVIEW);
        assertThat(verdict.reasons()).containsExactly("ip-reputation unavailable (TIMEOUT)");
    }

    @Test
    void aMissingFailOpenAgentIsDecidedWithout() {
        Verdict verdict = rules(RULES).decide(
                List.of(missing("geo", AgentStatus.CIRCUIT_OPEN), ok("ip-reputation", 0.0), missing("model", AgentStatus.ERROR)),
                "alice", EVENT);

        assertThat(verdict.decision()).isEqualTo(Decision.ALLOW);
        assertThat(verdict.score()).isZero();
        assertThat(verdict.reasons()).isEmpty();
    }

    @Test
    void aMissingAgentLooksNotOkWithScoreZeroToRules() {
        Policy policy = rules(List.of(rule("!agents.geo.ok && agents.geo.status == 'REJECTED' && agents.geo.score == 0.0",
                Decision.REVIEW, "geo rejected", 1)));

        Verdict verdict = policy.decide(
                List.of(missing("geo", AgentStatus.REJECTED), ok("ip-reputation", 0.0), ok("model", 0.0)), "bob", EVENT);

        assertThat(verdict.decision()).isEqualTo(Decision.REVIEW);
    }

    @Test
    void theScoreExpressionReplacesTheHighestScore() {
        Policy policy = compile(new PolicyConfig(
                Optional.of(new SourceText("(agents.geo.score + agents.model.score) / 2.0", "policy.yaml", 3)),
                RULES, Decision.ALLOW, Decision.REVIEW));

        Verdict verdict = policy.decide(List.of(ok("geo", 0.4), ok("ip-reputation", 0.0), ok("model", 0.8)), "alice", EVENT);

        assertThat(verdict.score()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(verdict.decision()).isEqualTo(Decision.REVIEW);
    }

    @Test
    void rulesReadTheSubjectAndTheEventWithTheStringsAndMathExtensions() {
        Policy policy = rules(List.of(
                rule("event.amount > 1000 && event.country == 'FR' && 'vip' in event.tags && event.note == null"
                        + " && subject.upperAscii() == 'ALICE' && math.greatest(score, 0.1) == 0.1",
                        Decision.REVIEW, "large amount", 1)));

        Verdict verdict = policy.decide(List.of(ok("geo", 0.0), ok("ip-reputation", 0.0), ok("model", 0.0)), "alice", EVENT);

        assertThat(verdict.decision()).isEqualTo(Decision.REVIEW);
        assertThat(verdict.reasons()).containsExactly("large amount");
    }

    @Test
    void theScoreExpressionCanUseTheMathExtensionOverAList() {
        Policy policy = compile(new PolicyConfig(
                Optional.of(new SourceText("math.greatest([agents.geo.score, agents.model.score])", "policy.yaml", 3)),
                List.of(rule("score >= 0.5 || (event.amount > 10000 && subject.startsWith(\"guest-\"))",
                        Decision.REVIEW, "review", 4)),
                Decision.ALLOW, Decision.REVIEW));

        Verdict verdict = policy.decide(List.of(ok("geo", 0.3), ok("ip-reputation", 0.9), ok("model", 0.7)), "bob", EVENT);

        assertThat(verdict.score()).isEqualTo(0.7);
        assertThat(verdict.decision()).isEqualTo(Decision.REVIEW);
        assertThat(meters.get("aegis.policy.errors").counter().count()).isZero();
    }

    @Test
    void aRuleThatFailsAtRunTimeDoesNotHoldAndIsCounted() {
        Policy policy = rules(List.of(
                rule("event.missing > 3", Decision.BLOCK, "never", 1),
                rule("true", Decision.REVIEW, "fallback", 2)));

        Verdict verdict = policy.decide(List.of(ok("geo", 0.0), ok("ip-reputation", 0.0), ok("model", 0.0)), "alice", EVENT);

        assertThat(verdict.decision()).isEqualTo(Decision.REVIEW);
        assertThat(meters.get("aegis.policy.errors").tag("pipeline", "login-risk").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aSyntaxErrorStopsStartUpWithFileAndLine() {
        assertThatThrownBy(() -> rules(List.of(rule("score >=", Decision.BLOCK, "broken", 42))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("policy.yaml:42: ")
                .hasMessageContaining("mismatched input");
    }

    @Test
    void anErrorOnALaterLineOfTheExpressionCountsFromItsFirstLine() {
        assertThatThrownBy(() -> rules(List.of(rule("score > 0.5 &&\n  velocity > 3", Decision.BLOCK, "broken", 20))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("policy.yaml:21: undeclared reference to 'velocity'");
    }

    @Test
    void aTypeErrorStopsStartUpWithFileAndLine() {
        assertThatThrownBy(() -> rules(List.of(rule("score + 'x' > 1", Decision.BLOCK, "broken", 7))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("policy.yaml:7: found no matching overload for '_+_'");
    }

    @Test
    void aWhenThatIsNotABoolStopsStartUp() {
        assertThatThrownBy(() -> rules(List.of(rule("score * 2.0", Decision.BLOCK, "broken", 8))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("policy.yaml:8: expected a bool expression, this one is double: score * 2.0");
    }

    @Test
    void theScoreCannotReadItself() {
        assertThatThrownBy(() -> compile(new PolicyConfig(Optional.of(new SourceText("score", "policy.yaml", 4)),
                List.of(), Decision.ALLOW, Decision.REVIEW)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("policy.yaml:4: undeclared reference to 'score'");
    }

    @Test
    void namingAnAgentOutsideThePipelineStopsStartUp() {
        assertThatThrownBy(() -> rules(List.of(rule("agents[\"velocity\"].ok", Decision.BLOCK, "typo", 9))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("policy.yaml:9: agents[\"velocity\"] is not an agent of this pipeline"
                        + " (agents: geo, ip-reputation, model)");
    }
}
