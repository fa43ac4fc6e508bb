package dev.aegis.jdbc.task;

import dev.aegis.api.task.Lease;
import dev.aegis.api.task.TaskStoreException;
import dev.aegis.api.time.TimeSource;
import dev.aegis.jdbc.JdbcDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's one writer thread. It gathers the requests that arrived since its last round and carries them all
 * out in one transaction: settled leases, then offers, removals and depth counts, then one claim for every taker
 * waiting on this node. Takers that got nothing wait for the next round, which comes with the next request or
 * after the poll interval. So a node costs the database one transaction per round, however many workers it runs.
 */
final class QueueRounds implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueRounds.class);
    private static final Duration IDLE_WAIT = Duration.ofMillis(250);
    private static final Duration FAILURE_PAUSE = Duration.ofMillis(250);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final JdbcDatabase database;
    private final TimeSource time;
    private final JdbcQueueSettings settings;
    private final Consumer<Lease> onLeased;
    private final LinkedBlockingQueue<QueueOp> inbox = new LinkedBlockingQueue<>();
    private final Deque<QueueOp.Take> waiting = new ArrayDeque<>();
    private final Thread thread;
    private long nextSweepNanos;
    private volatile boolean open = true;
    private boolean failing;

    QueueRounds(JdbcDatabase database, TimeSource time, JdbcQueueSettings settings, Consumer<Lease> onLeased) {
        this.database = database;
        this.time = time;
        this.settings = settings;
        this.onLeased = onLeased;
        this.nextSweepNanos = time.nanoTime();
        this.thread = Thread.ofPlatform().name("aegis-task-queue").daemon(true)
                .uncaughtExceptionHandler((t, e) -> LOG.error("the task queue's writer stopped", e))
                .start(this::run);
    }

    void submit(QueueOp op) {
        if (!open) {
            throw new TaskStoreException("the task queue is closed", null);
        }
        inbox.add(op);
    }

    /** Waits for an answer of the writer, which fails it with a {@link TaskStoreException} when its round failed. */
    static <T> T await(Future<T> answer) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskStoreException("interrupted while waiting for the task queue", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof TaskStoreException failure ? failure
                    : new TaskStoreException("the task queue failed: " + e.getCause(), e.getCause());
        }
    }

    private void run() {
        while (open || !inbox.isEmpty()) {
            List<QueueOp> ops = next();
            if (!ops.isEmpty() || !waiting.isEmpty()) {
                round(new QueueRound(ops, dueSweep()));
            }
        }
        waiting.forEach(take -> take.leases().complete(List.of()));
    }

    private List<QueueOp> next() {
        Duration wait = waiting.isEmpty() ? IDLE_WAIT : settings.pollInterval();
        List<QueueOp> ops = new ArrayList<>();
        try {
            QueueOp first = inbox.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
            if (first != null) {
                ops.add(first);
                inbox.drainTo(ops, settings.maxBatch() - 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            open = false;
        }
        return ops;
    }

    private boolean dueSweep() {
        if (time.nanoTime() - nextSweepNanos < 0) {
            return false;
        }
        nextSweepNanos = time.nanoTime() + settings.sweepInterval().toNanos();
        return true;
    }

    private void round(QueueRound round) {
        round.takes().forEach(waiting::addLast);
        waiting.removeIf(take -> take.leases().isDone());
        List<QueueOp.Take> takers = List.copyOf(waiting);
        boolean oldestFirst = ThreadLocalRandom.current().nextDouble() < settings.lowerPriorityShare();
        try {
            List<List<Lease>> claimed = database.write(connection ->
                    round.carryOut(connection, takers, time, settings, oldestFirst));
            recovered();
            round.answer();
            handOut(takers, claimed);
        } catch (SQLException | RuntimeException e) {
            failed(round, e);
        }
        expireTakers();
    }

    private void handOut(List<QueueOp.Take> takers, List<List<Lease>> claimed) {
        for (int i = 0; i < takers.size(); i++) {
            List<Lease> leases = claimed.get(i);
            if (leases.isEmpty()) {
                continue;
            }
            QueueOp.Take take = takers.get(i);
            waiting.remove(take);
            leases.forEach(onLeased);
            if (!take.leases().complete(leases)) {
                leases.forEach(lease -> inbox.add(new QueueOp.Settle(lease.task().id(), lease.token(), true)));
            }
        }
    }

    private void expireTakers() {
        long now = time.nanoTime();
        for (Iterator<QueueOp.Take> takers = waiting.iterator(); takers.hasNext(); ) {
            QueueOp.Take take = takers.next();
            if (take.deadlineNanos() - now <= 0) {
                take.leases().complete(List.of());
                takers.remove();
            }
        }
    }

    private void failed(QueueRound round, Exception e) {
        TaskStoreException failure = new TaskStoreException("the task queue's database failed: " + e.getMessage(), e);
        round.fail(failure);
        if (!failing) {
            failing = true;
            LOG.warn("the task queue cannot reach its database ({}); offers made meanwhile are adopted when it "
                    + "answers again, and takers wait", e.toString());
        }
        try {
            Thread.sleep(FAILURE_PAUSE);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            open = false;
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            LOG.info("the task queue reaches its database again");
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            thread.join(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
