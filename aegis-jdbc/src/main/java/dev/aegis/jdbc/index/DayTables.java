package dev.aegis.jdbc.index;

import dev.aegis.api.index.DecisionQuery;
import dev.aegis.api.index.DecisionSummary;
import dev.aegis.api.index.SubjectQuery;
import dev.aegis.jdbc.JdbcDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * The layout on H2, which has no declarative partitioning: one plain table per UTC day, {@code decisions_yyyymmdd},
 * keyed by evaluation id, with one index per query ((tenant, subject, time) and (tenant, decision, region, time),
 * both newest first). A day's table is catalogued in {@code decision_days} (migrations {@code db/index}); queries
 * walk the catalogued days newest first ({@link DecisionQueries}), and expiry drops whole tables.
 */
final class DayTables implements DecisionTables {

    private static final String MIGRATIONS = "db/index";
    private static final String ADD_DAY = "INSERT INTO decision_days (utc_day) SELECT CAST(? AS DATE) "
            + "WHERE NOT EXISTS (SELECT 1 FROM decision_days WHERE utc_day = ?)";
    private static final String REMOVE_DAY = "DELETE FROM decision_days WHERE utc_day = ?";
    private static final String ALL_DAYS = "SELECT utc_day FROM decision_days ORDER BY utc_day DESC";
    private static final String DAYS_SINCE = "SELECT utc_day FROM decision_days WHERE utc_day >= ? "
            + "ORDER BY utc_day DESC";
    private static final String DAYS_BETWEEN = "SELECT utc_day FROM decision_days WHERE utc_day >= ? AND utc_day <= ? "
            + "ORDER BY utc_day DESC";
    private static final String DAYS_BEFORE = "SELECT utc_day FROM decision_days WHERE utc_day < ? ORDER BY utc_day";

    @Override
    public String migrations() {
        return MIGRATIONS;
    }

    /** {@inheritDoc} All of them in one transaction: {@code IF NOT EXISTS} lets a rival's tables be. */
    @Override
    public void create(JdbcDatabase database, List<LocalDate> days) throws SQLException {
        database.write(connection -> {
            for (LocalDate day : days) {
                createDay(connection, day);
            }
            return days.size();
        });
    }

    @Override
    public void insert(Connection connection, SortedMap<LocalDate, SortedMap<String, DecisionSummary>> byDay)
            throws SQLException {
        DecisionInserts.insert(connection, byDay);
    }

    @Override
    public List<DecisionSummary> forSubject(Connection connection, SubjectQuery query) throws SQLException {
        return DecisionQueries.forSubject(connection, query);
    }

    @Override
    public List<DecisionSummary> find(Connection connection, DecisionQuery query) throws SQLException {
        return DecisionQueries.find(connection, query);
    }

    /** Every catalogued day, newest first. */
    static List<LocalDate> newestFirst(Connection connection) throws SQLException {
        return days(connection, ALL_DAYS);
    }

    /** The catalogued days from {@code first} on, newest first. */
    static List<LocalDate> newestFirst(Connection connection, LocalDate first) throws SQLException {
        return days(connection, DAYS_SINCE, first);
    }

    /** The catalogued days from {@code first} to {@code last}, both included, newest first. */
    static List<LocalDate> newestFirst(Connection connection, LocalDate first, LocalDate last) throws SQLException {
        return days(connection, DAYS_BETWEEN, first, last);
    }

    /** {@inheritDoc} Their catalogue entries go with them. */
    @Override
    public List<LocalDate> dropBefore(Connection connection, LocalDate firstKept) throws SQLException {
        List<LocalDate> expired = days(connection, DAYS_BEFORE, firstKept);
        try (PreparedStatement remove = connection.prepareStatement(REMOVE_DAY)) {
            for (LocalDate day : expired) {
                remove.setObject(1, day);
                remove.executeUpdate();
                execute(connection, "DROP TABLE IF EXISTS " + DecisionTables.table(day));
            }
        }
        return expired;
    }

    private static void createDay(Connection connection, LocalDate day) throws SQLException {
        String table = DecisionTables.table(day);
        execute(connection, "CREATE TABLE IF NOT EXISTS " + table + " ("
                + "evaluation_id VARCHAR NOT NULL, tenant VARCHAR NOT NULL, subject VARCHAR NOT NULL, "
                + "decided_at TIMESTAMP(6) WITH TIME ZONE NOT NULL, pipeline VARCHAR NOT NULL, "
                + "decision VARCHAR NOT NULL, score DOUBLE PRECISION NOT NULL, region VARCHAR, "
                + "reasons VARCHAR NOT NULL, CONSTRAINT " + table + "_pk PRIMARY KEY (evaluation_id))");
        execute(connection, "CREATE INDEX IF NOT EXISTS " + table + "_by_subject ON " + table
                + " (tenant, subject, decided_at DESC, evaluation_id DESC)");
        execute(connection, "CREATE INDEX IF NOT EXISTS " + table + "_by_decision ON " + table
                + " (tenant, decision, region, decided_at DESC, evaluation_id DESC)");
        try (PreparedStatement add = connection.prepareStatement(ADD_DAY)) {
            add.setObject(1, day);
            add.setObject(2, day);
            add.executeUpdate();
        }
    }

    private static List<LocalDate> days(Connection connection, String sql, LocalDate... bounds) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < bounds.length; i++) {
                select.setObject(i + 1, bounds[i]);
            }
            List<LocalDate> days = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    days.add(rows.getObject(1, LocalDate.class));
                }
            }
            return days;
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
