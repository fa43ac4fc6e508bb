package dev.aegis.api.task;

import java.time.Instant;
import java.util.Objects;

/**
 * A queued task handed to one worker until {@code expiresAt}. The worker renews it while it runs and acknowledges
 * it when the task's new state is stored; a lease that expires returns the task to the queue, and the old holder's
 * token no longer counts.
 *
 * @param deliveries how many times the queue has handed out this entry; more than 1 means an earlier holder lost
 *     its lease, so the task as queued may be older than the stored one
 */
public record Lease(Task task, long token, Instant expiresAt, int deliveries) {

    public Lease {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
