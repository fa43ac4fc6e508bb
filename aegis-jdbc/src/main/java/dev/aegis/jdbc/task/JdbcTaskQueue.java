package dev.aegis.jdbc.task;

import dev.aegis.api.task.Lease;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskQueue;
import dev.aegis.api.task.TaskStoreException;
import dev.aegis.api.time.TimeSource;
import dev.aegis.jdbc.JdbcDatabase;
import dev.aegis.jdbc.JdbcSettings;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The {@link TaskQueue} that several nodes share, in PostgreSQL: table {@code task_queue}, beside the task store's
 * tables in the same database. Nodes claim ready rows with {@code FOR UPDATE SKIP LOCKED}, so two nodes never hold
 * one lease; a lease is a token and an expiry in the row, and a node that dies leaves leases that simply expire.
 *
 * <p>Each node sends its requests through one writer thread that carries out everything that arrived meanwhile in
 * one transaction (see {@code QueueRounds}): offers and acknowledgements are written behind, without waiting, and
 * every waiting worker of the node is served by one claim. An offer lost with its node is not lost for good: the
 * store holds the task, and a periodic sweep queues stored, unfinished tasks that the queue lacks (orphans).
 *
 * <p>Instants come from the {@link TimeSource}: nodes' clocks must agree (NTP) to well within a lease.
 */
public final class JdbcTaskQueue implements TaskQueue {

    private final JdbcDatabase database;
    private final TimeSource time;
    private final QueueRounds rounds;
    private final Map<Long, Instant> held = new ConcurrentHashMap<>();

    private JdbcTaskQueue(JdbcDatabase database, TimeSource time, JdbcQueueSettings settings) {
        this.database = database;
        this.time = time;
        this.rounds = new QueueRounds(database, time, settings,
                lease -> held.put(lease.token(), lease.expiresAt()));
    }

    /**
     * The queue in the PostgreSQL database of {@code settings}, its schema migrated first.
     *
     * @throws TaskStoreException when the database cannot be reached or migrated
     */
    public static JdbcTaskQueue open(JdbcSettings settings, TimeSource time, JdbcQueueSettings queue) {
        try {
            return new JdbcTaskQueue(JdbcDatabase.open(settings), time, queue);
        } catch (SQLException e) {
            throw new TaskStoreException("cannot open the task queue: " + e.getMessage(), e);
        }
    }

    /** {@inheritDoc} Written behind: the next round stores it; a later take of this node sees it. */
    @Override
    public void offer(List<Task> tasks) {
        if (!tasks.isEmpty()) {
            rounds.submit(new QueueOp.Offer(List.copyOf(tasks)));
        }
    }

    @Override
    public List<Lease> take(int max, Duration leaseFor, Duration wait) throws InterruptedException {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        CompletableFuture<List<Lease>> leases = new CompletableFuture<>();
        rounds.submit(new QueueOp.Take(max, leaseFor, time.nanoTime() + wait.toNanos(), leases));
        try {
            return leases.get();
        } catch (InterruptedException e) {
            leases.cancel(false);
            throw e;
        } catch (ExecutionException e) {
            throw new TaskStoreException("taking tasks failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public boolean renew(Lease lease, Duration leaseFor) {
        if (!held.containsKey(lease.token())) {
            return false;
        }
        Instant now = now();
        Instant expires = now.plus(leaseFor);
        boolean renewed = write("renew the lease of task " + lease.task().id(), connection -> {
            try (PreparedStatement update = connection.prepareStatement(QueueRows.RENEW)) {
                TaskRows.setInstant(update, 1, expires);
                update.setString(2, lease.task().id());
                update.setLong(3, lease.token());
                TaskRows.setInstant(update, 4, now);
                return update.executeUpdate() > 0;
            }
        });
        if (renewed) {
            held.replace(lease.token(), expires);
        } else {
            held.remove(lease.token());
        }
        return renewed;
    }

    /**
     * {@inheritDoc} Judged by this node, which knows the leases it holds and their expiry; the row is deleted in the
     * next round. Should that round fail, the lease expires and the next holder finds the task's stored state.
     */
    @Override
    public boolean acknowledge(Lease lease) {
        Instant expires = held.remove(lease.token());
        if (expires == null || !now().isBefore(expires)) {
            return false;
        }
        rounds.submit(new QueueOp.Settle(lease.task().id(), lease.token(), false));
        return true;
    }

    @Override
    public boolean remove(String taskId) {
        Objects.requireNonNull(taskId, "taskId");
        CompletableFuture<Boolean> removed = new CompletableFuture<>();
        rounds.submit(new QueueOp.Remove(taskId, removed));
        return QueueRounds.await(removed);
    }

    @Override
    public Map<Priority, Integer> readyDepth() {
        CompletableFuture<Map<Priority, Integer>> depth = new CompletableFuture<>();
        rounds.submit(new QueueOp.Depth(depth));
        return QueueRounds.await(depth);
    }

    /** Leases this node holds that have not expired. */
    @Override
    public int leased() {
        Instant now = now();
        held.values().removeIf(expires -> !now.isBefore(expires));
        return held.size();
    }

    @Override
    public boolean shared() {
        return true;
    }

    /** Carries out what was asked so far, then closes the pool; leases still held expire. */
    @Override
    public void close() {
        rounds.close();
        database.close();
    }

    @Override
    public String toString() {
        return "JdbcTaskQueue[" + database + "]";
    }

    private Instant now() {
        return time.now().truncatedTo(ChronoUnit.MICROS);
    }

    private <T> T write(String what, JdbcDatabase.SqlWork<T> work) {
        try {
            return database.write(work);
        } catch (SQLException e) {
            throw new TaskStoreException("cannot " + what + " in " + database + ": " + e.getMessage(), e);
        }
    }
}
