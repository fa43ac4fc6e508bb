package dev.aegis.jdbc.task;

import dev.aegis.api.task.Lease;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskStoreException;
import dev.aegis.api.time.TimeSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The requests of one round of the queue's writer, carried out in one transaction and answered after it commits. */
final class QueueRound {

    private static final Logger LOG = LoggerFactory.getLogger(QueueRound.class);
    private static final int ADOPT_LIMIT = 1_000;
    private static final Comparator<QueueRows.Claimed> MOST_URGENT = Comparator
            .comparingInt(QueueRows.Claimed::priority)
            .thenComparing(QueueRows.Claimed::readyAt)
            .thenComparingLong(QueueRows.Claimed::offerSeq);

    private final List<QueueOp.Settle> settles = new ArrayList<>();
    private final Map<String, Task> offered = new LinkedHashMap<>();
    private final List<QueueOp.Remove> removes = new ArrayList<>();
    private final List<QueueOp.Depth> depths = new ArrayList<>();
    private final List<QueueOp.Take> takes = new ArrayList<>();
    private final List<Boolean> removed = new ArrayList<>();
    private Map<Priority, Integer> counted = Map.of();
    private final boolean sweep;

    QueueRound(List<QueueOp> ops, boolean sweep) {
        this.sweep = sweep;
        for (QueueOp op : ops) {
            switch (op) {
                case QueueOp.Settle settle -> settles.add(settle);
                case QueueOp.Offer offer -> offer.tasks().forEach(task -> offered.put(task.id(), task));
                case QueueOp.Remove remove -> removes.add(remove);
                case QueueOp.Depth depth -> depths.add(depth);
                case QueueOp.Take take -> takes.add(take);
            }
        }
    }

    List<QueueOp.Take> takes() {
        return takes;
    }

    /**
     * Carries out the round: settles, offers (the last copy of a task offered twice), removals, depth counts, a sweep
     * when due, then claims for {@code takers}. Answers the leases claimed for each taker, in their order.
     */
    List<List<Lease>> carryOut(Connection connection, List<QueueOp.Take> takers, TimeSource time,
            JdbcQueueSettings settings, boolean oldestFirst) throws SQLException {
        Instant now = time.now().truncatedTo(ChronoUnit.MICROS);
        try (Statement statement = connection.createStatement()) {
            statement.execute(QueueRows.ASYNCHRONOUS_COMMIT);
        }
        settle(connection);
        offer(connection, now);
        remove(connection, now);
        count(connection, now);
        if (sweep) {
            sweep(connection, now, settings.orphanAge());
        }
        return claim(connection, takers, now, oldestFirst);
    }

    /** After the commit: answers the removals and counts. */
    void answer() {
        for (int i = 0; i < removes.size(); i++) {
            removes.get(i).removed().complete(removed.get(i));
        }
        depths.forEach(depth -> depth.depth().complete(counted));
    }

    /** After a rollback: removals and counts fail; offers are left to the sweep, settled leases to their expiry. */
    void fail(TaskStoreException failure) {
        removes.forEach(remove -> remove.removed().completeExceptionally(failure));
        depths.forEach(depth -> depth.depth().completeExceptionally(failure));
    }

    private void settle(Connection connection) throws SQLException {
        try (PreparedStatement acknowledge = connection.prepareStatement(QueueRows.ACKNOWLEDGE);
                PreparedStatement release = connection.prepareStatement(QueueRows.RELEASE)) {
            for (QueueOp.Settle settle : settles) {
                PreparedStatement statement = settle.release() ? release : acknowledge;
                statement.setString(1, settle.taskId());
                statement.setLong(2, settle.token());
                statement.addBatch();
            }
            acknowledge.executeBatch();
            release.executeBatch();
        }
    }

    private void offer(Connection connection, Instant now) throws SQLException {
        if (offered.isEmpty()) {
            return;
        }
        try (PreparedStatement offer = connection.prepareStatement(QueueRows.OFFER)) {
            for (Task task : offered.values()) {
                QueueRows.bindOffer(offer, task, now);
                offer.addBatch();
            }
            offer.executeBatch();
        }
    }

    private void remove(Connection connection, Instant now) throws SQLException {
        for (QueueOp.Remove remove : removes) {
            try (PreparedStatement delete = connection.prepareStatement(QueueRows.REMOVE)) {
                delete.setString(1, remove.taskId());
                TaskRows.setInstant(delete, 2, now);
                removed.add(delete.executeUpdate() > 0);
            }
        }
    }

    /** One count answers every depth request of the round. */
    private void count(Connection connection, Instant now) throws SQLException {
        if (depths.isEmpty()) {
            return;
        }
        Map<Priority, Integer> depth = new EnumMap<>(Priority.class);
        for (Priority priority : Priority.values()) {
            depth.put(priority, 0);
        }
        try (PreparedStatement select = connection.prepareStatement(QueueRows.READY_DEPTH)) {
            TaskRows.setInstant(select, 1, now);
            TaskRows.setInstant(select, 2, now);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    depth.put(Priority.values()[rows.getShort(1)], rows.getInt(2));
                }
            }
        }
        counted = Map.copyOf(depth);
    }

    private static void sweep(Connection connection, Instant now, Duration orphanAge) throws SQLException {
        try (PreparedStatement adopt = connection.prepareStatement(QueueRows.ADOPT_ORPHANS);
                PreparedStatement drop = connection.prepareStatement(QueueRows.DROP_ENDED)) {
            TaskRows.setInstant(adopt, 1, now);
            TaskRows.setInstant(adopt, 2, now);
            TaskRows.setInstant(adopt, 3, now.minus(orphanAge));
            adopt.setInt(4, ADOPT_LIMIT);
            int adopted = adopt.executeUpdate();
            TaskRows.setInstant(drop, 1, now);
            drop.executeUpdate();
            if (adopted > 0) {
                LOG.warn("queued {} stored tasks that were never queued or lost their queue entry (unchanged for {} "
                        + "or more: a node stopped between storing and queueing them)", adopted, orphanAge);
            }
        }
    }

    private static List<List<Lease>> claim(Connection connection, List<QueueOp.Take> takers, Instant now,
            boolean oldestFirst) throws SQLException {
        List<List<Lease>> leases = new ArrayList<>(takers.size());
        takers.forEach(taker -> leases.add(new ArrayList<>()));
        Map<Duration, List<Integer>> byLeaseLength = new LinkedHashMap<>();
        for (int i = 0; i < takers.size(); i++) {
            byLeaseLength.computeIfAbsent(takers.get(i).leaseFor(), length -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<Duration, List<Integer>> group : byLeaseLength.entrySet()) {
            int wanted = group.getValue().stream().mapToInt(i -> takers.get(i).max()).sum();
            List<QueueRows.Claimed> claimed = claim(connection, wanted, now, now.plus(group.getKey()), oldestFirst);
            deal(claimed, group.getValue(), takers, leases);
        }
        return leases;
    }

    private static List<QueueRows.Claimed> claim(Connection connection, int wanted, Instant now, Instant expires,
            boolean oldestFirst) throws SQLException {
        List<QueueRows.Claimed> claimed = new ArrayList<>(wanted);
        try (PreparedStatement update = connection.prepareStatement(
                oldestFirst ? QueueRows.CLAIM_OLDEST : QueueRows.CLAIM_STRICT)) {
            TaskRows.setInstant(update, 1, expires);
            TaskRows.setInstant(update, 2, now);
            TaskRows.setInstant(update, 3, now);
            update.setInt(4, wanted);
            try (ResultSet rows = update.executeQuery()) {
                while (rows.next()) {
                    claimed.add(QueueRows.Claimed.read(rows));
                }
            }
        }
        claimed.sort(oldestFirst ? Comparator.comparing((QueueRows.Claimed c) -> c.priority() != 0)
                .thenComparing(QueueRows.Claimed::readyAt).thenComparingLong(QueueRows.Claimed::offerSeq)
                : MOST_URGENT);
        return claimed;
    }

    /** Deals the claimed leases out in order: the first taker gets the most urgent, up to its max. */
    private static void deal(List<QueueRows.Claimed> claimed, List<Integer> group, List<QueueOp.Take> takers,
            List<List<Lease>> leases) {
        int next = 0;
        for (int taker : group) {
            for (int n = 0; n < takers.get(taker).max() && next < claimed.size(); n++) {
                leases.get(taker).add(claimed.get(next++).lease());
            }
        }
    }
}
