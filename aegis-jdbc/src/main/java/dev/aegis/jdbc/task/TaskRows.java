package dev.aegis.jdbc.task;

import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskStatus;
import dev.aegis.api.task.TaskTarget;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * How a task maps onto its two rows and back: {@code tasks} (what it is, written at create) and
 * {@code task_states} (where it is in its life, written by every move).
 */
final class TaskRows {

    /** Every column of both tables, in the order {@link #read} reads them; select them {@link #FROM}. */
    static final String COLUMNS = "t.id, t.tenant, t.target_kind, t.target_name, t.priority, t.input, "
            + "t.idempotency_key, t.max_attempts, t.timeout_ms, t.created_at, s.status, s.attempts, s.run_at, "
            + "s.result, s.error, s.updated_at, s.version, s.history";

    /** The two tables joined, {@code t} and {@code s}. */
    static final String FROM = " FROM tasks t JOIN task_states s ON s.id = t.id";

    /** The columns that {@link #bindMoved} binds, as an UPDATE's SET clause. */
    static final String SET_MOVED = "status = ?, attempts = ?, run_at = ?, result = ?, error = ?, updated_at = ?, "
            + "version = ?, history = ?";

    /** How many parameters {@link #bindMoved} binds. */
    static final int MOVED_COLUMNS = 8;

    private static final Priority[] PRIORITIES = Priority.values();

    static final String INSERT_TASK = "INSERT INTO tasks (id, tenant, target_kind, target_name, priority, input, "
            + "idempotency_key, max_attempts, timeout_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static final String INSERT_STATE = "INSERT INTO task_states (status, attempts, run_at, result, error, "
            + "updated_at, version, history, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private TaskRows() {
    }

    /** Binds the parameters of {@link #INSERT_TASK}. */
    static void insertTask(PreparedStatement insert, Task task) throws SQLException {
        insert.setString(1, task.id());
        insert.setString(2, task.tenant());
        insert.setString(3, task.target().kind().name());
        insert.setString(4, task.target().name());
        insert.setShort(5, (short) task.priority().ordinal());
        insert.setString(6, TaskJson.write(task.input()));
        insert.setString(7, task.idempotencyKey().orElse(null));
        insert.setInt(8, task.maxAttempts());
        insert.setLong(9, task.timeout().toMillis());
        setInstant(insert, 10, task.createdAt());
    }

    /** Binds the parameters of {@link #INSERT_STATE}. */
    static void insertState(PreparedStatement insert, Task task) throws SQLException {
        bindMoved(insert, 1, task);
        insert.setString(MOVED_COLUMNS + 1, task.id());
    }

    /** Binds, from {@code first} on, the columns of {@link #SET_MOVED}: what a move of the lifecycle changes. */
    static void bindMoved(PreparedStatement statement, int first, Task task) throws SQLException {
        statement.setString(first, task.status().name());
        statement.setInt(first + 1, task.attempts());
        setInstant(statement, first + 2, task.runAt());
        setNullableString(statement, first + 3, task.result().map(TaskJson::write));
        setNullableString(statement, first + 4, task.error());
        setInstant(statement, first + 5, task.updatedAt());
        statement.setLong(first + 6, task.version());
        statement.setString(first + 7, TaskJson.writeHistory(task.history()));
    }

    /** The task in the current row of a result set that selected {@link #COLUMNS}. */
    static Task read(ResultSet row) throws SQLException {
        String id = row.getString(1);
        String result = row.getString(14);
        return new Task(id, row.getString(2),
                new TaskTarget(TaskTarget.Kind.valueOf(row.getString(3)), row.getString(4)),
                PRIORITIES[row.getShort(5)], TaskJson.read(row.getString(6), id),
                Optional.ofNullable(row.getString(7)), row.getInt(8), Duration.ofMillis(row.getLong(9)),
                TaskStatus.valueOf(row.getString(11)), row.getInt(12), instant(row, 13),
                result == null ? Optional.empty() : Optional.of(TaskJson.read(result, id)),
                Optional.ofNullable(row.getString(15)), instant(row, 10), instant(row, 16), row.getLong(17),
                TaskJson.readHistory(row.getString(18), id));
    }

    static void setInstant(PreparedStatement statement, int index, Instant at) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    private static void setNullableString(PreparedStatement statement, int index, Optional<String> value)
            throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    private static Instant instant(ResultSet row, int index) throws SQLException {
        return row.getObject(index, OffsetDateTime.class).toInstant();
    }
}
