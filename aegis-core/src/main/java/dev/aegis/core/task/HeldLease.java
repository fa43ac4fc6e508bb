package dev.aegis.core.task;

import dev.aegis.api.task.Lease;
import dev.aegis.api.task.TaskUpdate;
import java.util.Optional;

/**
 * A lease a worker holds, prefetched or running. While an attempt runs, {@code runner} is its thread, and the
 * move to RUNNING waits here until the attempt has run for a moment: an attempt that ends sooner writes its start
 * and its end as one update, so a short task costs one row write instead of two.
 */
final class HeldLease {

    final Lease lease;
    volatile Thread runner;
    private TaskUpdate unwrittenStart;
    private long startedNanos;

    HeldLease(Lease lease) {
        this.lease = lease;
    }

    /** The attempt started: its RUNNING move is kept back until {@link #writeStartIfRunningSince}. */
    synchronized void started(TaskUpdate start, long nanos) {
        unwrittenStart = start;
        startedNanos = nanos;
    }

    /** Hands the RUNNING move to the journal if the attempt started at or before {@code nanos} and still runs. */
    synchronized void writeStartIfRunningSince(long nanos, TaskJournal journal) {
        if (unwrittenStart != null && startedNanos - nanos <= 0) {
            journal.update(unwrittenStart, TaskWorkers.origin(unwrittenStart.task()));
            unwrittenStart = null;
        }
    }

    /**
     * The attempt ended: answers its RUNNING move if it was never written, so that the end is written from the
     * version before it; empty when it was written.
     */
    synchronized Optional<TaskUpdate> endAttempt() {
        Optional<TaskUpdate> start = Optional.ofNullable(unwrittenStart);
        unwrittenStart = null;
        return start;
    }

    void interrupt() {
        Thread thread = runner;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
