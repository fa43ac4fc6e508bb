package dev.aegis.jdbc.index;

import dev.aegis.jdbc.JdbcDatabase;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The days this node knows to have their table, so that a write creates each day once: a write whose days are all
 * known goes straight to the insert. A day dropped by another node stays known here until a write into it fails,
 * which {@link #forget forgets} it.
 */
final class KnownDays {

    private final DecisionTables tables;
    private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

    KnownDays(DecisionTables tables) {
        this.tables = tables;
    }

    /** Makes sure each day has its table, creating the ones not known to, oldest first. */
    void create(JdbcDatabase database, Set<LocalDate> days) throws SQLException {
        if (!known.containsAll(days)) {
            createUnknown(database, days);
        }
    }

    /** Forgets that the days have tables, so that the next write of one checks again. */
    void forget(Collection<LocalDate> days) {
        known.removeAll(days);
    }

    private synchronized void createUnknown(JdbcDatabase database, Set<LocalDate> days) throws SQLException {
        List<LocalDate> unknown = days.stream().filter(day -> !known.contains(day)).sorted().toList();
        if (!unknown.isEmpty()) {
            tables.create(database, unknown);
            known.addAll(unknown);
        }
    }
}
