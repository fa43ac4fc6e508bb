package dev.aegis.jdbc.task;

import dev.aegis.api.task.TaskUpdate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a batch of updates on one connection, each only where the stored version is the expected one: one batch
 * statement whose update counts name the stale tasks (0 rows: another version, or no such task). Rows are
 * written in id order, so two batches that share tasks lock them in the same order and cannot deadlock.
 */
final class TaskUpdates {

    private static final String UPDATE = "UPDATE task_states SET " + TaskRows.SET_MOVED + " WHERE id = ? AND version = ?";
    private static final Comparator<TaskUpdate> BY_ID = Comparator.comparing(update -> update.task().id());

    private TaskUpdates() {
    }

    /** The ids of the updates not written. */
    static Set<String> update(Connection connection, List<TaskUpdate> updates) throws SQLException {
        List<TaskUpdate> ordered = updates.stream().sorted(BY_ID).toList();
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            for (TaskUpdate change : ordered) {
                bind(update, change);
                update.addBatch();
            }
            Optional<Set<String>> stale = stale(update.executeBatch(), ordered);
            if (stale.isPresent()) {
                return stale.get();
            }
            connection.rollback();
            return oneByOne(update, ordered);
        }
    }

    /**
     * The updates that changed no row, or empty when the driver did not count the rows of some update
     * ({@link Statement#SUCCESS_NO_INFO}, which JDBC allows for batches).
     */
    static Optional<Set<String>> stale(int[] counts, List<TaskUpdate> updates) {
        Set<String> stale = new HashSet<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == Statement.SUCCESS_NO_INFO) {
                return Optional.empty();
            }
            if (counts[i] == 0) {
                stale.add(updates.get(i).task().id());
            }
        }
        return Optional.of(stale);
    }

    private static Set<String> oneByOne(PreparedStatement update, List<TaskUpdate> updates) throws SQLException {
        Set<String> stale = new HashSet<>();
        for (TaskUpdate change : updates) {
            bind(update, change);
            if (update.executeUpdate() == 0) {
                stale.add(change.task().id());
            }
        }
        return stale;
    }

    private static void bind(PreparedStatement update, TaskUpdate change) throws SQLException {
        TaskRows.bindMoved(update, 1, change.task());
        update.setString(TaskRows.MOVED_COLUMNS + 1, change.task().id());
        update.setLong(TaskRows.MOVED_COLUMNS + 2, change.expectedVersion());
    }
}
