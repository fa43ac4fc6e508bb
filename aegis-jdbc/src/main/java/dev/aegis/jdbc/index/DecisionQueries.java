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

/**
 * The reads of the H2 layout ({@link DayTables}). Each walks the catalogued days from the newest relevant one back,
 * one ordered range of one day table's index per day, and stops once it has the limit; so a query reads at most
 * {@code limit} rows however many days are kept. Each ORDER BY starts with the index's first column: H2 reads an
 * index in order only then.
 */
final class DecisionQueries {

    private static final String SUBJECT = " WHERE tenant = ? AND subject = ?";
    private static final String SUBJECT_SINCE = SUBJECT + " AND decided_at >= ?";
    private static final String SUBJECT_ORDER = " ORDER BY tenant, subject, decided_at DESC, evaluation_id DESC "
            + "LIMIT ?";
    private static final String FIND = " WHERE tenant = ? AND decision = ? AND region = ? AND decided_at >= ? "
            + "AND decided_at < ? ORDER BY tenant, decision, region, decided_at DESC, evaluation_id DESC LIMIT ?";

    private DecisionQueries() {
    }

    static List<DecisionSummary> forSubject(Connection connection, SubjectQuery query) throws SQLException {
        if (query.since().isEmpty()) {
            return walk(connection, DayTables.newestFirst(connection), query.limit(), SUBJECT + SUBJECT_ORDER,
                    select -> bindSubject(select, query));
        }
        List<LocalDate> days = DayTables.newestFirst(connection, DecisionTables.dayOf(query.since().get()));
        return walk(connection, days, query.limit(), SUBJECT_SINCE + SUBJECT_ORDER, select -> {
            DecisionRows.setInstant(select, bindSubject(select, query), query.since().get());
            return 4;
        });
    }

    static List<DecisionSummary> find(Connection connection, DecisionQuery query) throws SQLException {
        List<LocalDate> days = DayTables.newestFirst(connection, DecisionTables.dayOf(query.from()),
                DecisionTables.dayOf(query.to().minusNanos(1)));
        return walk(connection, days, query.limit(), FIND, select -> {
            select.setString(1, query.tenant());
            select.setString(2, query.decision());
            select.setString(3, query.region());
            DecisionRows.setInstant(select, 4, query.from());
            DecisionRows.setInstant(select, 5, query.to());
            return 6;
        });
    }

    /** Reads {@code days} in order with {@code rest} after the FROM, until {@code limit} decisions are found. */
    private static List<DecisionSummary> walk(Connection connection, List<LocalDate> days, int limit, String rest,
            Binder binder) throws SQLException {
        List<DecisionSummary> found = new ArrayList<>();
        for (LocalDate day : days) {
            if (found.size() == limit) {
                break;
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT " + DecisionRows.COLUMNS + " FROM "
                    + DecisionTables.table(day) + rest)) {
                select.setInt(binder.bind(select), limit - found.size());
                readInto(select, found);
            }
        }
        return found;
    }

    /** Binds the tenant and the subject; answers the next parameter's index. */
    private static int bindSubject(PreparedStatement select, SubjectQuery query) throws SQLException {
        select.setString(1, query.tenant());
        select.setString(2, query.subject());
        return 3;
    }

    private static void readInto(PreparedStatement select, List<DecisionSummary> found) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                found.add(DecisionRows.read(rows));
            }
        }
    }

    /** Binds a query's parameters but the last, the row limit; answers the limit's index. */
    @FunctionalInterface
    private interface Binder {
        int bind(PreparedStatement select) throws SQLException;
    }
}
