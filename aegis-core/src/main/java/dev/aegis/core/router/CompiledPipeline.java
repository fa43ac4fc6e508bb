package dev.aegis.core.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aegis.api.agent.AgentInput;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.agent.AgentCall;
import dev.aegis.core.agent.AgentRegistry;
import dev.aegis.core.agent.AgentResult;
import dev.aegis.core.agent.CallContext;
import dev.aegis.core.config.PipelineConfig;
import dev.aegis.core.policy.Policy;
import dev.aegis.core.policy.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A pipeline ready to evaluate: its members resolved, its policy compiled, its meters registered. One evaluation
 * starts every member at once, waits until all answered or the one absolute deadline passed, expires the late
 * ones (TIMEOUT, interrupted) and lets the policy decide.
 */
final class CompiledPipeline {

    static final String DECISIONS = "aegis.decisions";
    private static final String DEFAULT_TENANT = "default";
    private static final JsonNode NO_EVENT = JsonNodeFactory.instance.objectNode();
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private final String name;
    private final long deadlineNanos;
    private final String[] members;
    private final Policy policy;
    private final AgentRegistry agents;
    private final TimeSource time;
    private final Counter[] decisions;
    private final PipelineView view;

    CompiledPipeline(String name, PipelineConfig config, AgentRegistry agents, MeterRegistry meters, TimeSource time) {
        this.name = name;
        this.deadlineNanos = config.deadline().toNanos();
        this.members = config.agents().stream().map(PipelineConfig.Member::agent).toArray(String[]::new);
        this.policy = Policy.compile(name, config, meters);
        this.agents = agents;
        this.time = time;
        this.decisions = Arrays.stream(Decision.values()).map(decision -> Counter.builder(DECISIONS)
                .description("Evaluations by pipeline and decision")
                .tag("pipeline", name)
                .tag("decision", decision.name())
                .register(meters)).toArray(Counter[]::new);
        this.view = new PipelineView(
                name, config.deadline().toMillis(), config.agents(), config.policy().rules().size());
    }

    PipelineView view() {
        return view;
    }

    Evaluation evaluate(EvaluationRequest request) {
        long start = time.nanoTime();
        String id = EvaluationIds.next(time).toString();
        CallContext context = new CallContext(Objects.requireNonNullElse(request.tenant(), DEFAULT_TENANT),
                Objects.requireNonNullElse(request.requestId(), id), time, start + deadlineNanos);
        JsonNode event = Objects.requireNonNullElse(request.event(), NO_EVENT);
        AgentCall[] calls = startAll(new AgentInput(event, Optional.ofNullable(request.subject())), context);
        List<AgentReport> reports = reports(calls);
        String subject = Objects.requireNonNullElse(request.subject(), "");
        Verdict verdict = policy.decide(reports, subject, event);
        decisions[verdict.decision().ordinal()].increment();
        return new Evaluation(id, name, subject, verdict.decision(), verdict.score(), verdict.reasons(), reports,
                (time.nanoTime() - start) / NANOS_PER_MILLI);
    }

    private AgentCall[] startAll(AgentInput input, CallContext context) {
        CountDownLatch pending = new CountDownLatch(members.length);
        AgentCall[] calls = new AgentCall[members.length];
        for (int i = 0; i < members.length; i++) {
            calls[i] = agents.start(members[i], input, context);
            calls[i].result().thenRun(pending::countDown);
        }
        awaitUntilDeadline(pending, context);
        return calls;
    }

    /** Waits for every call or the deadline, recomputing what is left against the one deadline after each wake. */
    private static void awaitUntilDeadline(CountDownLatch pending, CallContext context) {
        try {
            long left = context.remainingNanos();
            while (left > 0 && !pending.await(left, TimeUnit.NANOSECONDS)) {
                left = context.remainingNanos();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every call's result; calls still running are expired now: TIMEOUT, interrupted, and no longer waited for. */
    private static List<AgentReport> reports(AgentCall[] calls) {
        AgentReport[] reports = new AgentReport[calls.length];
        for (int i = 0; i < calls.length; i++) {
            AgentResult result = calls[i].expire();
            reports[i] = new AgentReport(result.agent(), result.status(), result.score(), result.reasons(),
                    result.latencyMs());
        }
        return List.of(reports);
    }
}
