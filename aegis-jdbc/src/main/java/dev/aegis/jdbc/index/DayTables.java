package dev.aegis.jdbc.index;

import dev.aegis.jdbc.JdbcDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables of decisions, one per UTC day: {@code decisions_yyyymmdd}, keyed by evaluation id, with one index per
 * query ((tenant, subject, time) and (tenant, decision, region, time), both newest first). A day's table is
 * created when its first decision arrives and catalogued in {@code decision_days}; expiry drops whole tables. The
 * days known to have a table are kept here, so that a write creates each day once.
 */
final class DayTables {

    private static final String ADD_DAY = "INSERT INTO decision_days (utc_day) SELECT CAST(? AS DATE) "
            + "WHERE NOT EXISTS (SELECT 1 FROM decision_days WHERE utc_day = ?)";
    private static final String REMOVE_DAY = "DELETE FROM decision_days WHERE utc_day = ?";
    private static final String ALL_DAYS = "SELECT utc_day FROM decision_days ORDER BY utc_day DESC";
    private static final String DAYS_SINCE = "SELECT utc_day FROM decision_days WHERE utc_day >= ? "
            + "ORDER BY utc_day DESC";
    private static final String DAYS_BETWEEN = "SELECT utc_day FROM decision_days WHERE utc_day >= ? AND utc_day <= ? "
            + "ORDER BY utc_day DESC";
    private static final String DAYS_BEFORE = "SELECT utc_day FROM decision_days WHERE utc_day < ? ORDER BY utc_day";

    private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

    /** The UTC day of an instant. */
    static LocalDate dayOf(Instant time) {
        return LocalDate.ofInstant(time, ZoneOffset.UTC);
    }

    /** The name of a day's table. */
    static String table(LocalDate day) {
        return "decisions_" + day.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    /** Makes sure each day has its table, creating the missing ones in one transaction of their own. */
    void create(JdbcDatabase database, Set<LocalDate> days) throws SQLException {
        if (!known.containsAll(days)) {
            createUnknown(database, days);
        }
    }

    /** Forgets that the days have tables, so that the next write of one checks again. */
    void forget(Collection<LocalDate> days) {
        known.removeAll(days);
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

    /** Drops the table and the catalogue entry of every day before {@code firstKept}; answers those days. */
    static List<LocalDate> dropBefore(Connection connection, LocalDate firstKept) throws SQLException {
        List<LocalDate> expired = days(connection, DAYS_BEFORE, firstKept);
        try (PreparedStatement remove = connection.prepareStatement(REMOVE_DAY)) {
            for (LocalDate day : expired) {
                remove.setObject(1, day);
                remove.executeUpdate();
                execute(connection, "DROP TABLE IF EXISTS " + table(day));
            }
        }
        return expired;
    }

    private synchronized void createUnknown(JdbcDatabase database, Set<LocalDate> days) throws SQLException {
        List<LocalDate> unknown = days.stream().filter(day -> !known.contains(day)).sorted().toList();
        if (unknown.isEmpty()) {
            return;
        }
        database.write(connection -> {
            for (LocalDate day : unknown) {
                createDay(connection, day);
            }
            return unknown.size();
        });
        known.addAll(unknown);
    }

    private static void createDay(Connection connection, LocalDate day) throws SQLException {
        String table = table(day);
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
