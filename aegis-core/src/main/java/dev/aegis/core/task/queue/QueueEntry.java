package dev.aegis.core.task.queue;

import dev.aegis.api.task.Lease;
import dev.aegis.api.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;

/** One queued task and where it is: waiting for its run time, ready, leased, or gone. Guarded by the queue's lock. */
final class QueueEntry {

    enum Place { DELAYED, READY, LEASED, GONE }

    /** Orders leases by expiry; the token makes keys of one instant distinct. */
    record LeaseKey(Instant expiry, long token) implements Comparable<LeaseKey> {
        private static final Comparator<LeaseKey> ORDER =
                Comparator.comparing(LeaseKey::expiry).thenComparingLong(LeaseKey::token);

        @Override
        public int compareTo(LeaseKey other) {
            return ORDER.compare(this, other);
        }
    }

    static final Comparator<QueueEntry> BY_RUN_AT =
            Comparator.<QueueEntry, Instant>comparing(entry -> entry.task.runAt()).thenComparingLong(e -> e.sequence);

    final Task task;
    final long sequence;
    Place place;
    long readySince;
    long token;
    Instant leaseExpiry = Instant.MIN;
    int deliveries;

    QueueEntry(Task task, long sequence) {
        this.task = task;
        this.sequence = sequence;
    }

    Lease lease(long newToken, Instant now, Duration leaseFor) {
        place = Place.LEASED;
        token = newToken;
        leaseExpiry = now.plus(leaseFor);
        deliveries++;
        return new Lease(task, token, leaseExpiry, deliveries);
    }

    LeaseKey leaseKey() {
        return new LeaseKey(leaseExpiry, token);
    }

    boolean holds(Lease lease) {
        return place == Place.LEASED && token == lease.token();
    }

    int rank() {
        return task.priority().ordinal();
    }
}
