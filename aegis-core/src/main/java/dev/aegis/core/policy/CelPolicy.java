package dev.aegis.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.core.config.PipelineConfig;
import dev.aegis.core.config.PolicyConfig;
import dev.aegis.core.router.AgentReport;
import dev.aegis.core.router.AgentStatus;
import dev.aegis.core.router.Decision;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A policy of compiled CEL programs. The combined score is the {@code score} expression's value, or the highest
 * score of the agents that answered; the first rule that holds decides, else {@code otherwise}; a fail-closed
 * agent that did not answer raises the decision to {@code when_closed_agent_missing}. An expression that fails at
 * run time (a missing event field, say) counts in {@code aegis.policy.errors}: a failing rule does not hold, a
 * failing score falls back to the highest agent score.
 */
final class CelPolicy implements Policy {

    private static final Logger LOG = LoggerFactory.getLogger(CelPolicy.class);
    static final String ERRORS = "aegis.policy.errors";

    private final String pipeline;
    private final Optional<Expression> score;
    private final List<Rule> rules;
    private final Decision otherwise;
    private final Decision whenClosedAgentMissing;
    private final boolean[] closed;
    private final Map<String, Integer> positions;
    private final Counter errors;

    private record Expression(CelRuntime.Program program, String where) {}

    private record Rule(Expression when, Decision decision, String reason) {}

    private CelPolicy(String pipeline, Optional<Expression> score, List<Rule> rules, PolicyConfig config,
            boolean[] closed, Map<String, Integer> positions, Counter errors) {
        this.pipeline = pipeline;
        this.score = score;
        this.rules = rules;
        this.otherwise = config.otherwise();
        this.whenClosedAgentMissing = config.whenClosedAgentMissing();
        this.closed = closed;
        this.positions = positions;
        this.errors = errors;
    }

    static CelPolicy compile(String name, PipelineConfig pipeline, MeterRegistry meters) {
        List<String> members = pipeline.agents().stream().map(PipelineConfig.Member::agent).toList();
        PolicyConfig config = pipeline.policy();
        Optional<Expression> score = config.score()
                .map(source -> new Expression(CelPrograms.score(source, members), source.where()));
        List<Rule> rules = config.rules().stream()
                .map(rule -> new Rule(new Expression(CelPrograms.rule(rule.when(), members), rule.when().where()),
                        rule.decision(), rule.reason()))
                .toList();
        boolean[] closed = new boolean[members.size()];
        Map<String, Integer> positions = HashMap.newHashMap(members.size());
        for (int i = 0; i < closed.length; i++) {
            closed[i] = pipeline.agents().get(i).onMissing() == PipelineConfig.FailureMode.CLOSED;
            positions.put(members.get(i), i);
        }
        Counter errors = Counter.builder(ERRORS)
                .description("Policy expressions that failed at run time")
                .tag("pipeline", name)
                .register(meters);
        return new CelPolicy(name, score, rules, config, closed, Map.copyOf(positions), errors);
    }

    @Override
    public Verdict decide(List<AgentReport> agents, String subject, JsonNode event) {
        PolicyVariables variables = new PolicyVariables(new AgentsVariable(positions, agents), subject, event);
        double combined = combinedScore(variables, agents);
        variables.score(combined);
        List<String> reasons = new ArrayList<>();
        Decision decision = firstMatchingRule(variables, reasons);
        for (int i = 0; i < closed.length; i++) {
            AgentReport report = agents.get(i);
            if (closed[i] && report.status() != AgentStatus.OK) {
                decision = decision.atLeast(whenClosedAgentMissing);
                reasons.add(report.agent() + " unavailable (" + report.status() + ")");
            }
        }
        for (AgentReport report : agents) {
            if (report.status() == AgentStatus.OK && report.score().orElse(0.0) > 0) {
                reasons.addAll(report.reasons());
            }
        }
        return new Verdict(decision, combined, Collections.unmodifiableList(reasons));
    }

    private Decision firstMatchingRule(PolicyVariables variables, List<String> reasons) {
        for (Rule rule : rules) {
            if (holds(rule, variables)) {
                reasons.add(rule.reason());
                return rule.decision();
            }
        }
        return otherwise;
    }

    private boolean holds(Rule rule, PolicyVariables variables) {
        Expression when = rule.when();
        try {
            Object value = when.program().eval(variables);
            if (value instanceof Boolean holds) {
                return holds;
            }
            failed(when.where(), "not a bool: " + value);
        } catch (CelEvaluationException e) {
            failed(when.where(), e.getMessage());
        }
        return false;
    }

    private double combinedScore(PolicyVariables variables, List<AgentReport> agents) {
        if (score.isEmpty()) {
            return highestScore(agents);
        }
        Expression expression = score.get();
        try {
            if (expression.program().eval(variables) instanceof Number number) {
                return number.doubleValue();
            }
            failed(expression.where(), "not a number");
        } catch (CelEvaluationException e) {
            failed(expression.where(), e.getMessage());
        }
        return highestScore(agents);
    }

    private static double highestScore(List<AgentReport> agents) {
        double highest = 0.0;
        for (AgentReport report : agents) {
            if (report.status() == AgentStatus.OK) {
                highest = Math.max(highest, report.score().orElse(0.0));
            }
        }
        return highest;
    }

    private void failed(String where, String message) {
        errors.increment();
        LOG.debug("pipeline {}: policy expression at {} failed: {}", pipeline, where, message);
    }

}
