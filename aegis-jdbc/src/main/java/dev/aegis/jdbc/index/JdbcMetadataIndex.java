package dev.aegis.jdbc.index;

import dev.aegis.api.index.DecisionQuery;
import dev.aegis.api.index.DecisionSummary;
import dev.aegis.api.index.MetadataIndex;
import dev.aegis.api.index.MetadataIndexException;
import dev.aegis.api.index.SubjectQuery;
import dev.aegis.jdbc.JdbcDatabase;
import dev.aegis.jdbc.JdbcSettings;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The {@link MetadataIndex} in a relational database: embedded H2 in a database of its own, apart from the tasks
 * so that the two do not contend, or PostgreSQL, where it may share the tasks' database. Decisions are kept in one
 * table per UTC day, created on demand; queries walk the days newest first and stop at their limit; expiry drops
 * whole tables. Each {@link #record} is one transaction of batch inserts, committed without waiting for H2 to
 * store it in its file (waiting halved the rate): a crash may lose the last second of summaries, never a decision,
 * which the audit log keeps. A call that fails throws {@link MetadataIndexException}, and a {@code record} that
 * fails wrote none of its decisions.
 */
public final class JdbcMetadataIndex implements MetadataIndex {

    private static final String MIGRATIONS = "db/index";

    private final JdbcDatabase database;
    private final Duration ttl;
    private final DayTables days = new DayTables();
    private final ReadWriteLock expiry = new ReentrantReadWriteLock();

    private JdbcMetadataIndex(JdbcDatabase database, Duration ttl) {
        this.database = database;
        this.ttl = ttl;
    }

    /** The embedded index: an H2 database in {@code <dataDir>/aegis.mv.db}, created when missing. */
    public static JdbcMetadataIndex h2(Path dataDir, Duration ttl) {
        return open(JdbcSettings.h2(dataDir), ttl);
    }

    /** An empty embedded index in memory, gone when closed: for tests. */
    public static JdbcMetadataIndex h2InMemory(Duration ttl) {
        return open(JdbcSettings.h2InMemory(), ttl);
    }

    /**
     * The index in the database of {@code settings}, keeping decisions for {@code ttl}, its schema migrated first
     * (the migrations under {@code db/index}, with their own Flyway history).
     *
     * @throws IllegalArgumentException when {@code ttl} is not positive
     * @throws MetadataIndexException when the database cannot be reached or migrated
     */
    public static JdbcMetadataIndex open(JdbcSettings settings, Duration ttl) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the time to live must be positive, was " + ttl);
        }
        try {
            return new JdbcMetadataIndex(JdbcDatabase.open(settings, MIGRATIONS), ttl);
        } catch (SQLException e) {
            throw new MetadataIndexException("cannot open the metadata index: " + e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc} The days that have no table yet get one first, in a transaction of their own. A batch that
     * fails while the database is reachable is rolled back and tried once more, the days' tables checked again: so
     * a race with another writer (storing the same evaluation ids, or creating or dropping the same day) answers
     * what that writer committed.
     */
    @Override
    public void record(List<DecisionSummary> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        SortedMap<LocalDate, SortedMap<String, DecisionSummary>> byDay = DecisionInserts.byDay(decisions);
        whileDaysStay("record " + decisions.size() + " decisions", () -> store(byDay));
    }

    @Override
    public List<DecisionSummary> forSubject(SubjectQuery query) {
        Objects.requireNonNull(query, "query");
        return whileDaysStay("read the decisions of a subject of tenant " + query.tenant(),
                () -> database.read(connection -> DecisionQueries.forSubject(connection, query)));
    }

    @Override
    public List<DecisionSummary> find(DecisionQuery query) {
        Objects.requireNonNull(query, "query");
        return whileDaysStay("find the " + query.decision() + " decisions in " + query.region(),
                () -> database.read(connection -> DecisionQueries.find(connection, query)));
    }

    @Override
    public int expire(Instant now) {
        LocalDate firstKept = DayTables.dayOf(now.minus(ttl));
        Lock exclusive = expiry.writeLock();
        exclusive.lock();
        try {
            List<LocalDate> dropped = database.write(connection -> DayTables.dropBefore(connection, firstKept));
            days.forget(dropped);
            return dropped.size();
        } catch (SQLException e) {
            throw failure("drop the days before " + firstKept, e);
        } finally {
            exclusive.unlock();
        }
    }

    @Override
    public void close() {
        database.close();
    }

    @Override
    public String toString() {
        return "JdbcMetadataIndex[" + database + "]";
    }

    private int store(SortedMap<LocalDate, SortedMap<String, DecisionSummary>> byDay) throws SQLException {
        try {
            return storeOnce(byDay);
        } catch (SQLTransientConnectionException unreachable) {
            throw unreachable;
        } catch (SQLException race) {
            days.forget(byDay.keySet());
            try {
                return storeOnce(byDay);
            } catch (SQLException e) {
                e.addSuppressed(race);
                throw e;
            }
        }
    }

    private int storeOnce(SortedMap<LocalDate, SortedMap<String, DecisionSummary>> byDay) throws SQLException {
        days.create(database, byDay.keySet());
        return database.writeLazily(connection -> DecisionInserts.insert(connection, byDay));
    }

    /** Runs {@code call} while no expiry drops a table; any number may run at once. */
    private <T> T whileDaysStay(String what, SqlCall<T> call) {
        Lock shared = expiry.readLock();
        shared.lock();
        try {
            return call.run();
        } catch (SQLException e) {
            throw failure(what, e);
        } finally {
            shared.unlock();
        }
    }

    private MetadataIndexException failure(String what, SQLException e) {
        return new MetadataIndexException("cannot " + what + " in " + database + ": " + e.getMessage(), e);
    }

    /** Work on the database that may fail. */
    @FunctionalInterface
    private interface SqlCall<T> {
        T run() throws SQLException;
    }
}
