package dev.aegis.core.agent;

import dev.aegis.api.agent.AgentOutcome;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One agent's Resilience4j guards, composed in the order Resilience4j recommends: retry, then circuit
 * breaker, then time limiter, then bulkhead around each attempt. The bulkhead holds its permit until the
 * attempt's thread really ends, so {@code max_concurrent} bounds running calls even when callers gave up.
 */
record Guards(CircuitBreaker breaker, Bulkhead bulkhead, TimeLimiter limiter, Optional<Retry> retry) {

    /**
     * Decorates a call: {@code attempts} makes each attempt (the first, and one per retry). An attempt that
     * ends early, by the time limiter above all, is cancelled, which interrupts its thread.
     */
    Supplier<CompletionStage<AgentOutcome>> decorate(
            ScheduledExecutorService timer, Supplier<Attempt> attempts) {
        Supplier<CompletionStage<AgentOutcome>> limited = () -> limitedAttempt(timer, attempts.get());
        Supplier<CompletionStage<AgentOutcome>> broken = CircuitBreaker.decorateCompletionStage(breaker, limited);
        return retry.map(r -> Retry.decorateCompletionStage(r, timer, broken)).orElse(broken);
    }

    private CompletionStage<AgentOutcome> limitedAttempt(ScheduledExecutorService timer, Attempt attempt) {
        return limiter.executeCompletionStage(timer, Bulkhead.decorateCompletionStage(bulkhead, attempt::start))
                .whenComplete((outcome, error) -> {
                    if (error != null) {
                        attempt.cancel();
                    }
                });
    }

    /** Whether the circuit breaker counts the result as a failure: an agent's failure answer does. */
    static boolean failedResult(Object result) {
        return result instanceof AgentOutcome.Failure;
    }

    /** Whether a retry may help: a retryable failure answer. */
    static boolean retryableResult(Object result) {
        return result instanceof AgentOutcome.Failure failure && failure.retryable();
    }

    /**
     * Whether a retry may help after an exception: the agent's own exceptions may; time-outs, rejections,
     * cancellation and interruption may not.
     */
    static boolean retryableException(Throwable error) {
        Throwable cause = unwrap(error);
        return !(cause instanceof TimeoutException
                || cause instanceof CallNotPermittedException
                || cause instanceof BulkheadFullException
                || cause instanceof CancellationException
                || cause instanceof InterruptedException);
    }

    /** Whether the circuit breaker ignores the exception: rejections and cancelled calls say nothing of the agent. */
    static boolean ignoredByCircuit(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof BulkheadFullException || cause instanceof CancellationException;
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
