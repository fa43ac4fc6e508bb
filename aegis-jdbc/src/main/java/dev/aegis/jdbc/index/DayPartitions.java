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
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layout on PostgreSQL: native declarative partitioning. One table, {@code decisions}, partitioned by range of
 * {@code decided_at}, with the query indexes declared on it (migrations {@code db/partitioned_index}); one
 * partition per UTC day, {@code decisions_yyyymmdd} for [midnight, next midnight), keyed by evaluation id, created
 * before the day's first decision is written. Nodes that create the same day at once all go on: one creates it, the
 * others find it there, and an "already exists" would be no failure either. Expiry drops whole partitions, found
 * in the catalogue ({@code pg_inherits}), so it costs the days that expired. The statements run on the parent
 * ({@link PartitionQueries}).
 *
 * <p>Creating and dropping a partition take the parent's ACCESS EXCLUSIVE lock for a moment, and every query of the
 * parent queues behind a waiting one: so these transactions wait at most {@value #LOCK_TIMEOUT} for their locks,
 * and one that times out fails, to be tried again by the next write or the next expiry.
 */
final class DayPartitions implements DecisionTables {

    private static final String MIGRATIONS = "db/partitioned_index";
    private static final String LOCK_TIMEOUT = "2s";
    private static final String PARTITIONS = "SELECT child.relname FROM pg_inherits JOIN pg_class child "
            + "ON child.oid = pg_inherits.inhrelid WHERE pg_inherits.inhparent = CAST('decisions' AS regclass)";
    private static final Pattern DAY_PARTITION = Pattern.compile("decisions_(\\d{8})");
    /** How losing a race to create a partition could fail: duplicate_table, duplicate_object, unique_violation. */
    private static final Set<String> ALREADY_CREATED = Set.of("42P07", "42710", "23505");

    @Override
    public String migrations() {
        return MIGRATIONS;
    }

    /**
     * {@inheritDoc} One transaction per day: a day that has its partition already is left as it is; otherwise the
     * parent's ACCESS EXCLUSIVE lock is taken first, which serializes the nodes that create a day at once (each
     * {@code CREATE TABLE ... PARTITION OF} would otherwise take a weaker lock on the parent before the exclusive
     * one, and two of them deadlock), and the losers find the partition there.
     */
    @Override
    public void create(JdbcDatabase database, List<LocalDate> days) throws SQLException {
        for (LocalDate day : days) {
            try {
                database.write(connection -> createIfMissing(connection, day));
            } catch (SQLException e) {
                if (!ALREADY_CREATED.contains(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void insert(Connection connection, SortedMap<LocalDate, SortedMap<String, DecisionSummary>> byDay)
            throws SQLException {
        PartitionQueries.insert(connection, byDay);
    }

    @Override
    public List<DecisionSummary> forSubject(Connection connection, SubjectQuery query) throws SQLException {
        return PartitionQueries.forSubject(connection, query);
    }

    @Override
    public List<DecisionSummary> find(Connection connection, DecisionQuery query) throws SQLException {
        return PartitionQueries.find(connection, query);
    }

    /**
     * {@inheritDoc} Under the parent's SHARE UPDATE EXCLUSIVE lock, which queries and writes do not wait for but
     * another expiry does, so that each expired day is dropped, and counted, once.
     */
    @Override
    public List<LocalDate> dropBefore(Connection connection, LocalDate firstKept) throws SQLException {
        execute(connection, "SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
        execute(connection, "LOCK TABLE ONLY decisions IN SHARE UPDATE EXCLUSIVE MODE");
        List<LocalDate> expired = days(connection).stream().filter(day -> day.isBefore(firstKept)).sorted().toList();
        for (LocalDate day : expired) {
            execute(connection, "DROP TABLE " + DecisionTables.table(day));
        }
        return expired;
    }

    private static boolean createIfMissing(Connection connection, LocalDate day) throws SQLException {
        if (exists(connection, DecisionTables.table(day))) {
            return false;
        }
        execute(connection, "SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
        execute(connection, "LOCK TABLE ONLY decisions IN ACCESS EXCLUSIVE MODE");
        execute(connection, createPartition(day));
        return true;
    }

    /** The statement that creates a day's partition, unless it exists. */
    private static String createPartition(LocalDate day) {
        String table = DecisionTables.table(day);
        return "CREATE TABLE IF NOT EXISTS " + table + " PARTITION OF decisions (CONSTRAINT " + table
                + "_pk PRIMARY KEY (evaluation_id)) FOR VALUES FROM ('" + day + " 00:00:00+00') TO ('"
                + day.plusDays(1) + " 00:00:00+00')";
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            select.setString(1, table);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /** The days that have a partition, in no particular order. */
    private static List<LocalDate> days(Connection connection) throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(PARTITIONS);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Matcher partition = DAY_PARTITION.matcher(rows.getString(1));
                if (partition.matches()) {
                    days.add(LocalDate.parse(partition.group(1), DateTimeFormatter.BASIC_ISO_DATE));
                }
            }
        }
        return days;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
