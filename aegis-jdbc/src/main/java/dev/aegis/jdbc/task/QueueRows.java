package dev.aegis.jdbc.task;

import dev.aegis.api.task.Lease;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The statements of the shared task queue, table {@code task_queue}: each row holds a task as offered (the columns
 * of {@link TaskRows#COLUMNS}, in that order) and its lease. Claims skip rows that other transactions hold locked
 * ({@code FOR UPDATE SKIP LOCKED}), so nodes claiming at once never wait for, nor share, a row.
 */
final class QueueRows {

    static final String TASK_COLUMNS = TaskRows.COLUMNS.replace("t.", "").replace("s.", "");

    private static final String TERMINAL = Arrays.stream(TaskStatus.values()).filter(TaskStatus::terminal)
            .map(status -> "'" + status.name() + "'").collect(Collectors.joining(", ", "(", ")"));

    private static final String NOT_TERMINAL = Arrays.stream(TaskStatus.values())
            .filter(status -> !status.terminal())
            .map(status -> "'" + status.name() + "'").collect(Collectors.joining(", ", "(", ")"));

    /** Not leased, or its lease ran out before the instant bound as {@code ?}. */
    private static final String FREE = "(%1$s.lease_token IS NULL OR %1$s.lease_expires <= ?)";

    /** Offers a task; a queued copy is replaced unless somebody holds its lease. */
    static final String OFFER = "INSERT INTO task_queue (" + TASK_COLUMNS + ", ready_at, offered_at, "
            + "below_critical, offer_seq, deliveries) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?, nextval('task_queue_offers'), 0) ON CONFLICT (id) DO UPDATE SET priority = EXCLUDED.priority, "
            + "below_critical = EXCLUDED.below_critical, "
            + "status = EXCLUDED.status, attempts = EXCLUDED.attempts, run_at = EXCLUDED.run_at, "
            + "result = EXCLUDED.result, error = EXCLUDED.error, updated_at = EXCLUDED.updated_at, "
            + "version = EXCLUDED.version, history = EXCLUDED.history, ready_at = EXCLUDED.ready_at, "
            + "offered_at = EXCLUDED.offered_at, offer_seq = EXCLUDED.offer_seq, deliveries = 0, "
            + "lease_token = NULL, lease_expires = NULL "
            + "WHERE task_queue.lease_token IS NULL OR task_queue.lease_expires <= EXCLUDED.offered_at";

    /**
     * The queue's rounds do not wait for their commit to reach the disk: the store is the record (its writes do
     * wait), and what a database crash may lose of a round comes back by itself — offers as orphans, acknowledged
     * rows and claims when their leases expire, the next holder reading the task as stored.
     */
    static final String ASYNCHRONOUS_COMMIT = "SET LOCAL synchronous_commit = off";

    static final String ACKNOWLEDGE = "DELETE FROM task_queue WHERE id = ? AND lease_token = ?";

    /** Gives a lease back unused: the task is ready again at once, as if never delivered. */
    static final String RELEASE = "UPDATE task_queue SET lease_token = NULL, lease_expires = NULL, "
            + "deliveries = deliveries - 1 WHERE id = ? AND lease_token = ?";

    static final String REMOVE = "DELETE FROM task_queue q WHERE id = ? AND " + FREE.formatted("q");

    static final String RENEW = "UPDATE task_queue SET lease_expires = ? WHERE id = ? AND lease_token = ? "
            + "AND lease_expires > ?";

    static final String READY_DEPTH = "SELECT priority, COUNT(*) FROM task_queue q WHERE ready_at <= ? AND "
            + FREE.formatted("q") + " GROUP BY priority";

    /**
     * Leases up to {@code ?} ready tasks: the most urgent first (the order bound in {@code %s}), skipping rows
     * another node is claiming and tasks that the store holds as ended (a late or repeated offer). The rows are
     * chosen by one sub-select run once ({@code = ANY(ARRAY(…))}): as a joined sub-query, the planner may run it
     * again per row and lease more rows than asked. {@code OFFSET 0} keeps the ended-task check a lookup per row
     * rather than a join over every task ever stored.
     */
    private static final String CLAIM = "UPDATE task_queue q SET lease_token = nextval('task_queue_leases'), "
            + "lease_expires = ?, deliveries = q.deliveries + 1 WHERE q.id = ANY(ARRAY(SELECT c.id FROM task_queue c "
            + "WHERE c.ready_at <= ? AND " + FREE.formatted("c") + " AND NOT EXISTS (SELECT 1 FROM task_states s "
            + "WHERE s.id = c.id AND s.status IN " + TERMINAL + " OFFSET 0) ORDER BY %s LIMIT ? "
            + "FOR UPDATE OF c SKIP LOCKED)) RETURNING " + prefixed(TASK_COLUMNS, "q.")
            + ", q.lease_token, q.lease_expires, q.deliveries, q.ready_at, q.offer_seq";

    /** Strictly by priority, then by how long a task has been ready. */
    static final String CLAIM_STRICT = CLAIM.formatted("c.priority, c.ready_at, c.offer_seq");

    /** Critical tasks first, then the one ready longest whatever its priority: a lower priority's turn. */
    static final String CLAIM_OLDEST = CLAIM.formatted("c.below_critical, c.ready_at, c.offer_seq");

    /**
     * Queues what the store holds as unfinished but the queue lacks, last changed before {@code ?}: a task whose
     * node stopped between storing it and offering it. A task found RUNNING counts as delivered once, so that its
     * next holder records the lost attempt.
     */
    static final String ADOPT_ORPHANS = "INSERT INTO task_queue (" + TASK_COLUMNS + ", ready_at, offered_at, "
            + "below_critical, offer_seq, deliveries) SELECT " + TaskRows.COLUMNS + ", GREATEST(s.run_at, ?), ?, "
            + "CASE WHEN t.priority = 0 THEN 0 ELSE 1 END, nextval('task_queue_offers'), "
            + "CASE WHEN s.status = 'RUNNING' THEN 1 ELSE 0 END" + TaskRows.FROM
            + " WHERE s.status IN " + NOT_TERMINAL + " AND s.updated_at < ? AND NOT EXISTS (SELECT 1 FROM "
            + "task_queue q WHERE q.id = s.id) ORDER BY s.id LIMIT ? ON CONFLICT (id) DO NOTHING";

    /** Deletes unleased rows of tasks the store holds as ended. */
    static final String DROP_ENDED = "DELETE FROM task_queue q WHERE " + FREE.formatted("q")
            + " AND EXISTS (SELECT 1 FROM task_states s WHERE s.id = q.id AND s.status IN " + TERMINAL
            + " OFFSET 0)";

    private QueueRows() {
    }

    /** Binds {@link #OFFER}'s parameters. */
    static void bindOffer(PreparedStatement offer, Task task, Instant now) throws SQLException {
        TaskRows.insertTask(offer, task);
        TaskRows.bindMoved(offer, 11, task);
        TaskRows.setInstant(offer, 19, task.runAt().isAfter(now) ? task.runAt() : now);
        TaskRows.setInstant(offer, 20, now);
        offer.setShort(21, (short) (task.priority() == Priority.CRITICAL ? 0 : 1));
    }

    /** A claimed row of {@link #CLAIM}, with what orders it among the others of its claim. */
    record Claimed(Lease lease, Instant readyAt, long offerSeq) {

        static Claimed read(ResultSet row) throws SQLException {
            Task task = TaskRows.read(row);
            Lease lease = new Lease(task, row.getLong(19), instant(row, 20), row.getInt(21));
            return new Claimed(lease, instant(row, 22), row.getLong(23));
        }

        int priority() {
            return lease.task().priority().ordinal();
        }
    }

    private static Instant instant(ResultSet row, int index) throws SQLException {
        return row.getObject(index, OffsetDateTime.class).toInstant();
    }

    private static String prefixed(String columns, String prefix) {
        return Arrays.stream(columns.split(", ")).map(column -> prefix + column).collect(Collectors.joining(", "));
    }
}
