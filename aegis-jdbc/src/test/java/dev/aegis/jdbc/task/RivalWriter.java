package dev.aegis.jdbc.task;

import dev.aegis.api.task.Task;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** A second writer in race tests: inserts a task's two rows on its own connection, in its own transaction. */
final class RivalWriter {

    private RivalWriter() {
    }

    static void insert(Connection connection, Task task) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(TaskRows.INSERT_TASK)) {
            TaskRows.insertTask(insert, task);
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(TaskRows.INSERT_STATE)) {
            TaskRows.insertState(insert, task);
            insert.executeUpdate();
        }
    }
}
