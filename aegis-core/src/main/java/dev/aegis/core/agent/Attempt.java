package dev.aegis.core.agent;

import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentContext;
import dev.aegis.api.agent.AgentInput;
import dev.aegis.api.agent.AgentOutcome;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One attempt of an agent call on its own thread. Its stage completes only once that thread has left the
 * agent, so whoever holds a permit until then (the bulkhead) counts truly running calls. Cancelling interrupts
 * the thread while it is inside the agent, and never after.
 */
final class Attempt implements Runnable {

    private final Agent agent;
    private final AgentInput input;
    private final AgentContext context;
    private final Executor executor;
    private final CompletableFuture<AgentOutcome> done = new CompletableFuture<>();
    private Thread runner;
    private boolean cancelled;

    Attempt(Agent agent, AgentInput input, AgentContext context, Executor executor) {
        this.agent = agent;
        this.input = input;
        this.context = context;
        this.executor = executor;
    }

    /** Hands the attempt to its executor; the stage completes when the agent has answered or failed. */
    CompletionStage<AgentOutcome> start() {
        try {
            executor.execute(this);
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    @Override
    public void run() {
        if (!enter()) {
            done.completeExceptionally(new CancellationException("call given up before it started"));
            return;
        }
        AgentOutcome outcome = null;
        Throwable failure = null;
        try {
            outcome = agent.evaluate(input, context);
        } catch (Throwable e) {
            failure = e;
        } finally {
            leave();
        }
        complete(outcome, failure);
    }

    private void complete(AgentOutcome outcome, Throwable failure) {
        if (failure != null) {
            done.completeExceptionally(failure);
        } else if (outcome == null) {
            done.complete(AgentOutcome.permanentFailure("agent answered null"));
        } else {
            done.complete(outcome);
        }
        if (failure instanceof Error error) {
            throw error;
        }
    }

    /** Stops the attempt: before it runs it never starts; while it runs its thread is interrupted. */
    synchronized void cancel() {
        cancelled = true;
        if (runner != null) {
            runner.interrupt();
        }
    }

    private synchronized boolean enter() {
        if (cancelled) {
            return false;
        }
        runner = Thread.currentThread();
        return true;
    }

    /** Leaves the agent; an interrupt meant for this attempt must not reach whatever the thread runs next. */
    private synchronized void leave() {
        if (runner.isInterrupted()) {
            Thread.interrupted();
        }
        runner = null;
    }
}
