package dev.aegis.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the cluster's PostgreSQL holds about the tasks a drill submitted, set against what the clients were answered:
 * a database of the drill's own, so every row in it is one of the drill's.
 *
 * @param accepted tasks the clients were answered 202 or 200 for (one per idempotency key)
 * @param stored rows in {@code tasks}
 * @param missing accepted task ids with no row
 * @param unexpected rows whose id no client was answered, or whose key was answered with another id
 * @param succeeded tasks whose status is SUCCEEDED
 * @param notSucceededOnce tasks whose history holds other than exactly one SUCCEEDED
 * @param unfinished tasks still QUEUED, RUNNING or FAILED (will retry)
 * @param dead tasks DEAD or CANCELLED
 * @param takenOver tasks with more than one attempt: an attempt was lost with the killed node and run again
 */
record TaskCounts(int accepted, int stored, int missing, int unexpected, int succeeded, int notSucceededOnce,
        int unfinished, int dead, int takenOver) {

    private static final String SUCCEEDED_ENTRIES = "(LENGTH(s.history) - LENGTH(REPLACE(s.history, '\"SUCCEEDED\"', "
            + "''))) / LENGTH('\"SUCCEEDED\"')";

    /** Every accepted task is stored once, ended SUCCEEDED with one SUCCEEDED in its history, and nothing else is. */
    boolean exact() {
        return stored == accepted && missing == 0 && unexpected == 0 && succeeded == accepted && notSucceededOnce == 0
                && unfinished == 0 && dead == 0;
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    /** Tasks not yet ended. */
    static int unfinished(Connection connection) throws SQLException {
        return single(connection, "SELECT COUNT(*) FROM task_states WHERE status IN ('QUEUED', 'RUNNING', 'FAILED')");
    }

    static int stored(Connection connection) throws SQLException {
        return single(connection, "SELECT COUNT(*) FROM tasks");
    }

    static TaskCounts count(Connection connection, Map<String, String> idsByKey) throws SQLException {
        Map<String, String> keysById = storedKeys(connection);
        Set<String> accepted = new HashSet<>(idsByKey.values());
        int missing = (int) accepted.stream().filter(id -> !keysById.containsKey(id)).count();
        int unexpected = (int) keysById.entrySet().stream()
                .filter(row -> row.getValue() == null || !row.getKey().equals(idsByKey.get(row.getValue()))).count();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT"
                        + " COUNT(*) FILTER (WHERE s.status = 'SUCCEEDED'),"
                        + " COUNT(*) FILTER (WHERE " + SUCCEEDED_ENTRIES + " <> 1),"
                        + " COUNT(*) FILTER (WHERE s.status IN ('QUEUED', 'RUNNING', 'FAILED')),"
                        + " COUNT(*) FILTER (WHERE s.status IN ('DEAD', 'CANCELLED')),"
                        + " COUNT(*) FILTER (WHERE s.attempts > 1)"
                        + " FROM task_states s")) {
            rows.next();
            return new TaskCounts(accepted.size(), keysById.size(), missing, unexpected, rows.getInt(1),
                    rows.getInt(2), rows.getInt(3), rows.getInt(4), rows.getInt(5));
        }
    }

    /** Each stored task's idempotency key, by id. */
    private static Map<String, String> storedKeys(Connection connection) throws SQLException {
        Map<String, String> keys = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, idempotency_key FROM tasks")) {
            while (rows.next()) {
                keys.put(rows.getString(1), rows.getString(2));
            }
        }
        return keys;
    }

    private static int single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
