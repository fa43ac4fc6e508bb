package dev.aegis.jdbc.task;

import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskPage;
import dev.aegis.api.task.TaskQuery;
import dev.aegis.api.task.TaskStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The reads of the task store, each one query on one connection. */
final class TaskQueries {

    private static final String FIND = "SELECT " + TaskRows.COLUMNS + TaskRows.FROM
            + " WHERE t.id = ? AND t.tenant = ?";

    private static final List<TaskStatus> NOT_TERMINAL = Arrays.stream(TaskStatus.values())
            .filter(status -> !status.terminal())
            .toList();

    /**
     * Unfinished tasks after an id: one ordered range of the (status, id) index per non-terminal status, merged.
     * Each range stops at the limit, so a page reads at most that many rows per status however many tasks are
     * stored. The ORDER BY names the constant status too: H2 reads an index in order only for an ORDER BY that
     * starts with the index's first column.
     */
    private static final String UNFINISHED = NOT_TERMINAL.stream()
            .map(status -> "(SELECT " + TaskRows.COLUMNS + TaskRows.FROM + " WHERE s.status = '" + status.name()
                    + "' AND s.id > ? ORDER BY s.status, s.id LIMIT ?)")
            .collect(Collectors.joining(" UNION ALL ", "SELECT * FROM (", ") u ORDER BY id LIMIT ?"));

    private TaskQueries() {
    }

    static Optional<Task> find(Connection connection, String tenant, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(FIND)) {
            select.setString(1, id);
            select.setString(2, tenant);
            return read(select).stream().findFirst();
        }
    }

    /** One page, newest first; reads one row more than the limit to know whether another page may follow. */
    static TaskPage list(Connection connection, String tenant, TaskQuery query) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(listSql(query))) {
            bindList(select, tenant, query);
            return page(read(select), query.limit());
        }
    }

    static List<Task> unfinished(Connection connection, Optional<String> after, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(UNFINISHED)) {
            for (int range = 0; range < NOT_TERMINAL.size(); range++) {
                select.setString(2 * range + 1, after.orElse(""));
                select.setInt(2 * range + 2, limit);
            }
            select.setInt(2 * NOT_TERMINAL.size() + 1, limit);
            return read(select);
        }
    }

    /** Newest first along the (tenant, id DESC) index; the ORDER BY starts with tenant for H2, as above. */
    private static String listSql(TaskQuery query) {
        StringBuilder sql = new StringBuilder("SELECT ").append(TaskRows.COLUMNS).append(TaskRows.FROM)
                .append(" WHERE t.tenant = ?");
        query.status().ifPresent(status -> sql.append(" AND s.status = ?"));
        query.priority().ifPresent(priority -> sql.append(" AND t.priority = ?"));
        query.cursor().ifPresent(cursor -> sql.append(" AND t.id < ?"));
        return sql.append(" ORDER BY t.tenant, t.id DESC LIMIT ?").toString();
    }

    private static void bindList(PreparedStatement select, String tenant, TaskQuery query) throws SQLException {
        int index = 1;
        select.setString(index++, tenant);
        if (query.status().isPresent()) {
            select.setString(index++, query.status().get().name());
        }
        if (query.priority().isPresent()) {
            select.setShort(index++, (short) query.priority().get().ordinal());
        }
        if (query.cursor().isPresent()) {
            select.setString(index++, query.cursor().get());
        }
        select.setInt(index, query.limit() + 1);
    }

    private static TaskPage page(List<Task> rows, int limit) {
        if (rows.size() <= limit) {
            return new TaskPage(rows, Optional.empty());
        }
        List<Task> tasks = rows.subList(0, limit);
        return new TaskPage(tasks, Optional.of(tasks.getLast().id()));
    }

    private static List<Task> read(PreparedStatement select) throws SQLException {
        List<Task> tasks = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                tasks.add(TaskRows.read(rows));
            }
        }
        return tasks;
    }
}
