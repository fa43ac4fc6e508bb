package dev.aegis.jdbc.index;

import dev.aegis.api.index.DecisionQuery;
import dev.aegis.api.index.DecisionSummary;
import dev.aegis.api.index.SubjectQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * The statements of the PostgreSQL layout, all on the parent table {@code decisions}: PostgreSQL routes each row
 * inserted to its day's partition, and prunes the partitions that a query's time range excludes (when planning, or
 * when a generic plan starts). Each partition's index yields the rows of one subject, or of one kind in one region,
 * newest first; the ORDER BY starts with the partition key, so the planner appends the partitions newest first and
 * a query stops reading at its limit, however many days are kept.
 */
final class PartitionQueries {

    /** One decision, unless its day holds its evaluation id already. */
    static final String INSERT = DecisionRows.insert("decisions") + " ON CONFLICT DO NOTHING";
    static final String FOR_SUBJECT = select("tenant = ? AND subject = ?");
    static final String FOR_SUBJECT_SINCE = select("tenant = ? AND subject = ? AND decided_at >= ?");
    static final String FIND = select("tenant = ? AND decision = ? AND region = ? AND decided_at >= ? "
            + "AND decided_at < ?");

    private PartitionQueries() {
    }

    /** Inserts the decisions in one batch, in (day, evaluation id) order, so that rival batches cannot deadlock. */
    static void insert(Connection connection, SortedMap<LocalDate, SortedMap<String, DecisionSummary>> byDay)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (SortedMap<String, DecisionSummary> day : byDay.values()) {
                for (DecisionSummary decision : day.values()) {
                    DecisionRows.bind(insert, decision);
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    static List<DecisionSummary> forSubject(Connection connection, SubjectQuery query) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(query.since().isPresent() ? FOR_SUBJECT_SINCE
                : FOR_SUBJECT)) {
            select.setString(1, query.tenant());
            select.setString(2, query.subject());
            int next = 3;
            if (query.since().isPresent()) {
                DecisionRows.setInstant(select, next++, query.since().get());
            }
            select.setInt(next, query.limit());
            return read(select);
        }
    }

    static List<DecisionSummary> find(Connection connection, DecisionQuery query) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(FIND)) {
            select.setString(1, query.tenant());
            select.setString(2, query.decision());
            select.setString(3, query.region());
            DecisionRows.setInstant(select, 4, query.from());
            DecisionRows.setInstant(select, 5, query.to());
            select.setInt(6, query.limit());
            return read(select);
        }
    }

    private static String select(String where) {
        return "SELECT " + DecisionRows.COLUMNS + " FROM decisions WHERE " + where
                + " ORDER BY decided_at DESC, evaluation_id DESC LIMIT ?";
    }

    private static List<DecisionSummary> read(PreparedStatement select) throws SQLException {
        List<DecisionSummary> found = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                found.add(DecisionRows.read(rows));
            }
        }
        return found;
    }
}
