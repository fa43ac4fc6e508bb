package dev.aegis.jdbc.index;

import dev.aegis.api.index.DecisionSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Groups a batch of decisions by day, for either layout; and writes them into the H2 layout's day tables
 * ({@link DayTables}) on one connection, day by day: the evaluation ids already in the day's table are read with one
 * query, and the rest is one batch insert. Rows go in (day, evaluation id) order, so that two batches that share
 * decisions lock them in the same order and cannot deadlock.
 */
final class DecisionInserts {

    private DecisionInserts() {
    }

    /** The decisions by day, then by evaluation id: an evaluation id repeated within a day keeps its first. */
    static SortedMap<LocalDate, SortedMap<String, DecisionSummary>> byDay(List<DecisionSummary> decisions) {
        SortedMap<LocalDate, SortedMap<String, DecisionSummary>> byDay = new TreeMap<>();
        for (DecisionSummary decision : decisions) {
            byDay.computeIfAbsent(DecisionTables.dayOf(decision.time()), day -> new TreeMap<>())
                    .putIfAbsent(decision.evaluationId(), decision);
        }
        return byDay;
    }

    /** Inserts the decisions not stored yet; answers how many that was. */
    static int insert(Connection connection, SortedMap<LocalDate, SortedMap<String, DecisionSummary>> byDay)
            throws SQLException {
        int inserted = 0;
        for (Map.Entry<LocalDate, SortedMap<String, DecisionSummary>> day : byDay.entrySet()) {
            inserted += insert(connection, DecisionTables.table(day.getKey()), day.getValue());
        }
        return inserted;
    }

    private static int insert(Connection connection, String table, SortedMap<String, DecisionSummary> decisions)
            throws SQLException {
        Set<String> stored = stored(connection, table, decisions.keySet());
        int inserted = 0;
        try (PreparedStatement insert = connection.prepareStatement(DecisionRows.insert(table))) {
            for (DecisionSummary decision : decisions.values()) {
                if (!stored.contains(decision.evaluationId())) {
                    DecisionRows.bind(insert, decision);
                    insert.addBatch();
                    inserted++;
                }
            }
            if (inserted > 0) {
                insert.executeBatch();
            }
        }
        return inserted;
    }

    private static Set<String> stored(Connection connection, String table, Collection<String> evaluationIds)
            throws SQLException {
        Set<String> stored = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT evaluation_id FROM " + table
                + " WHERE evaluation_id = ANY(?)")) {
            select.setArray(1, connection.createArrayOf("VARCHAR", evaluationIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
            }
        }
        return stored;
    }
}
