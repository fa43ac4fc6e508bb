package dev.aegis.jdbc.index;

import dev.aegis.api.index.DecisionQuery;
import dev.aegis.api.index.DecisionSummary;
import dev.aegis.api.index.SubjectQuery;
import dev.aegis.jdbc.JdbcDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SortedMap;

/**
 * How the index lays decisions out in tables, one table per UTC day named {@code decisions_yyyymmdd}, and the SQL
 * that follows from it: plain tables and a catalogue on H2 ({@link DayTables}), the partitions of one table on
 * PostgreSQL ({@link DayPartitions}).
 */
interface DecisionTables {

    /** The Flyway migrations of this layout, {@code db/} and a name. */
    String migrations();

    /**
     * Creates the tables of {@code days}, none of them known to exist, in transactions of its own; another node
     * creating the same days at the same time is no failure.
     */
    void create(JdbcDatabase database, List<LocalDate> days) throws SQLException;

    /** Inserts the decisions whose evaluation id the day does not hold yet, in (day, evaluation id) order. */
    void insert(Connection connection, SortedMap<LocalDate, SortedMap<String, DecisionSummary>> byDay)
            throws SQLException;

    /** A subject's decisions, newest first, at most the query's limit. */
    List<DecisionSummary> forSubject(Connection connection, SubjectQuery query) throws SQLException;

    /** The decisions of one kind in one region in a time range, newest first, at most the query's limit. */
    List<DecisionSummary> find(Connection connection, DecisionQuery query) throws SQLException;

    /** Drops the table of every day before {@code firstKept}; answers those days. */
    List<LocalDate> dropBefore(Connection connection, LocalDate firstKept) throws SQLException;

    /** The UTC day of an instant. */
    static LocalDate dayOf(Instant time) {
        return LocalDate.ofInstant(time, ZoneOffset.UTC);
    }

    /** The name of a day's table. */
    static String table(LocalDate day) {
        return "decisions_" + day.format(DateTimeFormatter.BASIC_ISO_DATE);
    }
}
