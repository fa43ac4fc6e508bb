package dev.aegis.jdbc.task;

import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskPage;
import dev.aegis.api.task.TaskQuery;
import dev.aegis.api.task.TaskStore;
import dev.aegis.api.task.TaskStoreException;
import dev.aegis.api.task.TaskUpdate;
import dev.aegis.jdbc.JdbcDatabase;
import dev.aegis.jdbc.JdbcDatabase.SqlWork;
import dev.aegis.jdbc.JdbcSettings;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link TaskStore} in a relational database: embedded H2 in a file by default, PostgreSQL in a cluster, with
 * the same schema and statements. Each call is one transaction on one pooled connection; a batch of creates or
 * updates is one JDBC batch statement, so a group commit of thousands of tasks costs a few round trips. A call
 * that fails rolls back and throws {@link TaskStoreException}: nothing of it was written.
 */
public final class JdbcTaskStore implements TaskStore {

    private final JdbcDatabase database;

    private JdbcTaskStore(JdbcDatabase database) {
        this.database = database;
    }

    /** The embedded store: an H2 database in {@code <dataDir>/aegis.mv.db}, created when missing. */
    public static JdbcTaskStore h2(Path dataDir) {
        return open(JdbcSettings.h2(dataDir));
    }

    /** An empty embedded store in memory, gone when closed: for tests. */
    public static JdbcTaskStore h2InMemory() {
        return open(JdbcSettings.h2InMemory());
    }

    /**
     * The store in the database of {@code settings}, its schema migrated first.
     *
     * @throws TaskStoreException when the database cannot be reached or migrated
     */
    public static JdbcTaskStore open(JdbcSettings settings) {
        try {
            return new JdbcTaskStore(JdbcDatabase.open(settings));
        } catch (SQLException e) {
            throw new TaskStoreException("cannot open the task store: " + e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc} When a concurrent writer stores the same idempotency key first, the batch is rolled back and
     * tried once more, and then answers that writer's task.
     */
    @Override
    public List<Task> create(List<Task> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        String what = "create " + tasks.size() + " tasks";
        try {
            return database.write(connection -> TaskInserts.create(connection, tasks));
        } catch (SQLException e) {
            if (!isUniqueViolation(e)) {
                throw failure(what, e);
            }
        }
        return write(what, connection -> TaskInserts.create(connection, tasks));
    }

    @Override
    public Set<String> update(List<TaskUpdate> updates) {
        if (updates.isEmpty()) {
            return Set.of();
        }
        return write("update " + updates.size() + " tasks",
                connection -> TaskUpdates.update(connection, updates));
    }

    @Override
    public Optional<Task> find(String tenant, String id) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        return read("find task " + id, connection -> TaskQueries.find(connection, tenant, id));
    }

    /**
     * {@inheritDoc} Read on the primary, replicas or not: a caller that just submitted or cancelled a task finds it
     * listed as it left it. Tasks are the system of record, and their lists are paged and small.
     */
    @Override
    public TaskPage list(String tenant, TaskQuery query) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(query, "query");
        return read("list the tasks of " + tenant, connection -> TaskQueries.list(connection, tenant, query));
    }

    @Override
    public List<Task> unfinished(Optional<String> after, int limit) {
        Objects.requireNonNull(after, "after");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        return read("read unfinished tasks", connection -> TaskQueries.unfinished(connection, after, limit));
    }

    @Override
    public void close() {
        database.close();
    }

    @Override
    public String toString() {
        return "JdbcTaskStore[" + database + "]";
    }

    private <T> T write(String what, SqlWork<T> work) {
        try {
            return database.write(work);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private <T> T read(String what, SqlWork<T> work) {
        try {
            return database.read(work);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private TaskStoreException failure(String what, SQLException e) {
        return new TaskStoreException("cannot " + what + " in " + database + ": " + e.getMessage(), e);
    }

    /** A unique index refused a row: SQLSTATE 23505 on H2 and PostgreSQL, on the batch or one it chains. */
    private static boolean isUniqueViolation(SQLException failure) {
        for (Throwable cause : failure) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
