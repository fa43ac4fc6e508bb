package dev.aegis.core.agent;

import dev.aegis.api.agent.AgentInput;
import dev.aegis.api.agent.AgentOutcome;
import dev.aegis.core.router.AgentStatus;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * A call in flight. It settles once: when its guarded chain ends, or when its caller expires it, whichever
 * comes first; the first settles the result and records the meters, the other changes nothing.
 */
final class InFlightCall implements AgentCall {

    private static final double NANOS_PER_MILLI = 1_000_000.0;
    private static final VarHandle SETTLED;

    static {
        try {
            SETTLED = MethodHandles.lookup().findVarHandle(InFlightCall.class, "settled", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final GuardedAgent agent;
    private final AgentInput input;
    private final CallContext context;
    private final long startNanos;
    private final CompletableFuture<AgentResult> result = new CompletableFuture<>();
    private volatile Attempt current;
    @SuppressWarnings("unused") // set through SETTLED
    private volatile boolean settled;

    InFlightCall(GuardedAgent agent, AgentInput input, CallContext context, long startNanos) {
        this.agent = agent;
        this.input = input;
        this.context = context;
        this.startNanos = startNanos;
    }

    void begin() {
        agent.guarded(this::nextAttempt).get().whenComplete(this::finish);
    }

    private Attempt nextAttempt() {
        Attempt attempt = agent.attempt(input, context);
        current = attempt;
        if (result.isDone()) {
            attempt.cancel();
        }
        return attempt;
    }

    @Override
    public String agent() {
        return agent.name();
    }

    /** The result stage; callers observe it and must not complete it. */
    @Override
    public CompletionStage<AgentResult> result() {
        return result;
    }

    /** Settles the call as TIMEOUT unless it has settled; waits the moment a settling thread needs to finish. */
    @Override
    public AgentResult expire() {
        if (!result.isDone()) {
            long nanos = elapsedNanos();
            String reason = "no answer within " + Math.round(nanos / NANOS_PER_MILLI) + " ms";
            if (settle(AgentStatus.TIMEOUT, AgentOutcome.retryableFailure(reason), nanos)) {
                cancelCurrentAttempt();
            }
        }
        return result.join();
    }

    private void cancelCurrentAttempt() {
        Attempt attempt = current;
        if (attempt != null) {
            attempt.cancel();
        }
    }

    private void finish(AgentOutcome outcome, Throwable error) {
        long nanos = elapsedNanos();
        if (error == null) {
            AgentStatus status = outcome instanceof AgentOutcome.Success ? AgentStatus.OK : AgentStatus.ERROR;
            settle(status, outcome, nanos);
        } else {
            Throwable cause = Guards.unwrap(error);
            settle(statusOf(cause), AgentOutcome.retryableFailure(describe(cause)), nanos);
        }
    }

    /** The first to settle records the meters, then completes the result, so whoever sees it sees them too. */
    private boolean settle(AgentStatus status, AgentOutcome outcome, long nanos) {
        if (!SETTLED.compareAndSet(this, false, true)) {
            return false;
        }
        AgentResult settled = new AgentResult(agent.name(), status, outcome, nanos / NANOS_PER_MILLI);
        agent.record(settled, nanos);
        result.complete(settled);
        return true;
    }

    private long elapsedNanos() {
        return agent.time().nanoTime() - startNanos;
    }

    private static AgentStatus statusOf(Throwable cause) {
        return switch (cause) {
            case CallNotPermittedException e -> AgentStatus.CIRCUIT_OPEN;
            case BulkheadFullException e -> AgentStatus.REJECTED;
            case TimeoutException e -> AgentStatus.TIMEOUT;
            case CancellationException e -> AgentStatus.TIMEOUT;
            case InterruptedException e -> AgentStatus.TIMEOUT;
            default -> AgentStatus.ERROR;
        };
    }

    private String describe(Throwable cause) {
        return switch (cause) {
            case CallNotPermittedException e -> "circuit open";
            case BulkheadFullException e -> "too many concurrent calls";
            case TimeoutException e -> "timed out after " + agent.timeout().toMillis() + " ms";
            case CancellationException e -> "given up";
            case InterruptedException e -> "interrupted";
            default -> cause.getMessage() == null
                    ? cause.getClass().getSimpleName()
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        };
    }
}
