package dev.aegis.jdbc.task;

import dev.aegis.api.task.Task;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates a batch of tasks on one connection: the tasks already stored under the batch's idempotency keys are
 * read with one query, a key repeated inside the batch keeps its first task, and the rest is one batch insert.
 */
final class TaskInserts {

    private static final String STORED_KEYS = "SELECT " + TaskRows.COLUMNS + TaskRows.FROM
            + " WHERE t.idempotency_key = ANY(?) AND t.tenant = ANY(?)";

    private TaskInserts() {
    }

    /** The stored task for each of {@code tasks}, in order: the one given, or the earlier one with its key. */
    static List<Task> create(Connection connection, List<Task> tasks) throws SQLException {
        Map<Key, Task> owners = stored(connection, keys(tasks));
        List<Task> answer = new ArrayList<>(tasks.size());
        List<Task> fresh = new ArrayList<>(tasks.size());
        for (Task task : tasks) {
            Task owner = Key.of(task).map(key -> owners.putIfAbsent(key, task)).orElse(null);
            answer.add(owner == null ? task : owner);
            if (owner == null) {
                fresh.add(task);
            }
        }
        insert(connection, fresh);
        return answer;
    }

    private static Set<Key> keys(List<Task> tasks) {
        Set<Key> keys = new LinkedHashSet<>();
        tasks.forEach(task -> Key.of(task).ifPresent(keys::add));
        return keys;
    }

    private static Map<Key, Task> stored(Connection connection, Set<Key> keys) throws SQLException {
        Map<Key, Task> stored = new HashMap<>();
        if (keys.isEmpty()) {
            return stored;
        }
        try (PreparedStatement select = connection.prepareStatement(STORED_KEYS)) {
            select.setArray(1, array(connection, keys.stream().map(Key::key).distinct().toArray()));
            select.setArray(2, array(connection, keys.stream().map(Key::tenant).distinct().toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Task task = TaskRows.read(rows);
                    Key.of(task).filter(keys::contains).ifPresent(key -> stored.put(key, task));
                }
            }
        }
        return stored;
    }

    private static Array array(Connection connection, Object[] values) throws SQLException {
        return connection.createArrayOf("VARCHAR", values);
    }

    private static void insert(Connection connection, List<Task> tasks) throws SQLException {
        if (tasks.isEmpty()) {
            return;
        }
        insert(connection, tasks, TaskRows.INSERT_TASK, TaskRows::insertTask);
        insert(connection, tasks, TaskRows.INSERT_STATE, TaskRows::insertState);
    }

    private static void insert(Connection connection, List<Task> tasks, String sql, RowBinder binder)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (Task task : tasks) {
                binder.bind(insert, task);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Binds one task's parameters of an insert. */
    private interface RowBinder {
        void bind(PreparedStatement insert, Task task) throws SQLException;
    }

    /** A tenant's idempotency key. */
    private record Key(String tenant, String key) {

        static Optional<Key> of(Task task) {
            return task.idempotencyKey().map(key -> new Key(task.tenant(), key));
        }
    }
}
