package dev.aegis.jdbc.task;

import dev.aegis.api.task.Lease;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** One request to the queue's writer thread, which carries out every request of one round in one transaction. */
sealed interface QueueOp {

    /** Tasks to queue; nobody waits for them (the store holds them already, and orphans are adopted). */
    record Offer(List<Task> tasks) implements QueueOp {}

    /** A lease to end for good, or to give back unused. */
    record Settle(String taskId, long token, boolean release) implements QueueOp {}

    record Remove(String taskId, CompletableFuture<Boolean> removed) implements QueueOp {}

    record Depth(CompletableFuture<Map<Priority, Integer>> depth) implements QueueOp {}

    /** A taker waiting until {@code deadlineNanos} (on the time source's nano clock) for up to {@code max} leases. */
    record Take(int max, Duration leaseFor, long deadlineNanos, CompletableFuture<List<Lease>> leases)
            implements QueueOp {}
}
