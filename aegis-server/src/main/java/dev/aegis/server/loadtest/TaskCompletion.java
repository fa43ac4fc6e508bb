package dev.aegis.server.loadtest;

import java.time.Duration;

/**
 * Task mode: how fast the node completed the tasks the measured phase submitted. {@code accepted} counts the 2xx
 * answers to the measured submits; {@code completed} the growth of the node's succeeded-task count during and after
 * the run, beyond the tasks the warm-up submitted, at most {@code accepted} (other work on the node counts too);
 * {@code span} runs from the first measured request's intended send time to the last completion seen.
 */
public record TaskCompletion(long accepted, long completed, Duration span) {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    /**
     * From the counts the node showed: {@code grown} succeeded tasks more than before the run, {@code warmupAccepted}
     * of them submitted by the warm-up; the last growth seen {@code spanNanos} after the measured phase started.
     */
    static TaskCompletion of(long accepted, long warmupAccepted, long grown, long spanNanos) {
        long completed = Math.clamp(grown - warmupAccepted, 0, accepted);
        return new TaskCompletion(accepted, completed, Duration.ofNanos(Math.max(0, spanNanos)));
    }

    /** Completed tasks a second over the span; 0 when none completed. */
    public double throughput() {
        return completed == 0 || span.isZero() ? 0 : completed / (span.toNanos() / NANOS_PER_SECOND);
    }

    /** Whether every accepted task completed. */
    public boolean all() {
        return completed == accepted;
    }
}
