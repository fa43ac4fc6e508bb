package dev.aegis.server.loadtest;

import dev.aegis.api.AegisException;
import dev.aegis.api.time.TimeSource;
import java.util.function.LongSupplier;

/**
 * Task mode's last step: how fast the node completed the tasks it accepted. It reads the node's count of succeeded
 * tasks before the run and, once the run has ended, every {@link #POLL_NANOS} until the count has grown by every task
 * accepted (warm-up included), or has not grown for {@link #STALL_NANOS}, or {@link #LIMIT_NANOS} have passed (or the
 * thread is interrupted). The last completion is taken to be the first reading of the final count, so it is late by
 * up to a poll interval.
 */
final class TaskWatch {

    private static final long POLL_NANOS = 100_000_000L;
    private static final long STALL_NANOS = 5_000_000_000L;
    private static final long LIMIT_NANOS = 60_000_000_000L;

    private final LongSupplier succeeded;
    private final TimeSource time;
    private final Pacer pacer;
    private final long before;

    private TaskWatch(LongSupplier succeeded, TimeSource time, Pacer pacer, long before) {
        this.succeeded = succeeded;
        this.time = time;
        this.pacer = pacer;
        this.before = before;
    }

    /** Reads the count before the run: a node whose count cannot be read fails here, before anything is sent. */
    static TaskWatch start(LongSupplier succeeded, TimeSource time, Pacer pacer) {
        return new TaskWatch(succeeded, time, pacer, succeeded.getAsLong());
    }

    /** Waits for the accepted tasks to complete, then says how fast they did from {@code measuredStartNanos}. */
    TaskCompletion await(long warmupAccepted, long accepted, long measuredStartNanos) {
        Reading last = lastGrowth(before + warmupAccepted + accepted);
        return TaskCompletion.of(accepted, warmupAccepted, last.count() - before, last.atNanos() - measuredStartNanos);
    }

    private Reading lastGrowth(long target) {
        long now = time.nanoTime();
        long deadline = now + LIMIT_NANOS;
        Reading last = new Reading(read(before), now);
        while (last.count() < target && !givenUp(last, now, deadline)) {
            pacer.awaitNanos(Math.min(deadline, now + POLL_NANOS));
            now = time.nanoTime();
            long count = read(last.count());
            if (count > last.count()) {
                last = new Reading(count, now);
            }
        }
        return last;
    }

    private static boolean givenUp(Reading last, long now, long deadline) {
        return now >= deadline || now - last.atNanos() >= STALL_NANOS || Thread.currentThread().isInterrupted();
    }

    /** The count now, or {@code otherwise} when it cannot be read: a failed reading is no growth. */
    private long read(long otherwise) {
        try {
            return succeeded.getAsLong();
        } catch (AegisException e) {
            return otherwise;
        }
    }

    private record Reading(long count, long atNanos) {}
}
