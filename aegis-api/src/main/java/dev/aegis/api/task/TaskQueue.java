package dev.aegis.api.task;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Decides which task runs next: a port, in the JVM by default (replayed from the {@link TaskStore} on start) and
 * Kafka in a cluster. A task becomes ready at its {@link Task#runAt()}; ready tasks are taken by priority, most
 * urgent first, and in order of readiness within a priority. Taking leases the task: the task is acknowledged after
 * it ran (acks late), or it comes back when the lease expires.
 */
public interface TaskQueue extends AutoCloseable {

    /** Queues tasks; a task whose id is already queued and not leased is replaced by the newer copy. */
    void offer(List<Task> tasks);

    /**
     * Leases up to {@code max} ready tasks for {@code leaseFor}, waiting up to {@code wait} for the first one.
     *
     * @return the leases, most urgent first; empty when nothing became ready in time
     * @throws InterruptedException when the waiting thread is interrupted
     */
    List<Lease> take(int max, Duration leaseFor, Duration wait) throws InterruptedException;

    /** Extends a lease to {@code leaseFor} from now; false when the lease was lost (expired or acknowledged). */
    boolean renew(Lease lease, Duration leaseFor);

    /** Removes the leased task for good; false when the lease was lost, and then nothing changes. */
    boolean acknowledge(Lease lease);

    /** Removes a queued task that nobody holds (a cancel); false when it is not queued or is leased. */
    boolean remove(String taskId);

    /** Tasks ready to run now and not leased, by priority (every priority present). */
    Map<Priority, Integer> readyDepth();

    /** Tasks leased and not yet acknowledged. */
    int leased();

    /**
     * Whether the queue lives outside this process, shared by every node and kept across restarts. A node that
     * starts then replays nothing into it, and leaves the tasks that other nodes run alone: a lease that its holder
     * lost expires, and the next taker finds the task as stored.
     */
    default boolean shared() {
        return false;
    }

    @Override
    void close();
}
