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
 * so that the two do not contend, or PostgreSQL, where it may share the tasks' database. Decisions are kept by UTC
 * day, each day in a table of its own, created on demand, so that expiry drops whole tables and costs what expired:
 * <ul>
 *   <li>on PostgreSQL, the days are the partitions of one table partitioned by range of time (native declarative
 *   partitioning, migrations {@code db/partitioned_index}); queries run on the parent, whose partitions PostgreSQL
 *   prunes to the days a query needs;
 *   <li>on H2, which has no declarative partitioning, the days are plain tables listed in a catalogue table
 *   (migrations {@code db/index}), and queries walk the catalogued days newest first and stop at their limit.
 * </ul>
 * Each {@link #record} is one transaction of batch inserts, committed without waiting for H2 to store it in its
 * file (waiting halved the rate): a crash may lose the last second of summaries, never a decision, which the audit
 * log keeps. Queries may run on a read replica ({@link JdbcDatabase#readMayLag}) and miss the latest records. A
 * call that fails throws {@link MetadataIndexException}, and a {@code record} that fails wrote none of its
 * decisions.
 */
public final class JdbcMetadataIndex implements MetadataIndex {

    private static final String POSTGRESQL = "jdbc:postgresql:";

    private final JdbcDatabase database;
    private final Duration ttl;
    private final DecisionTables tables;
    private final KnownDays days;
    private final ReadWriteLock expiry = new ReentrantReadWriteLock();

    private JdbcMetadataIndex(JdbcDatabase database, Duration ttl, DecisionTables tables) {
        this.database = database;
        this.ttl = ttl;
        this.tables = tables;
        this.days = new KnownDays(tables);
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
     * with migrations of its own and their own Flyway history: on PostgreSQL a table partitioned by day (migrations
     * {@code db/partitioned_index}), on H2 a table per day ({@code db/index}).
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
        DecisionTables tables = settings.url().startsWith(POSTGRESQL) ? new DayPartitions() : new DayTables();
        try {
            return new JdbcMetadataIndex(JdbcDatabase.open(settings, tables.migrations()), ttl, tables);
        } catch (SQLException e) {
            throw new MetadataIndexException("cannot open the metadata index: " + e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc} The days that have no table yet get one first, in transactions of their own. A batch that
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
        whileDaysStay("record " + decisions.size() + " decisions", () -> {
            store(byDay);
            return byDay.size();
        });
    }

    @Override
    public List<DecisionSummary> forSubject(SubjectQuery query) {
        Objects.requireNonNull(query, "query");
        return whileDaysStay("read the decisions of a subject of tenant " + query.tenant(),
                () -> database.readMayLag(connection -> tables.forSubject(connection, query)));
    }

    @Override
    public List<DecisionSummary> find(DecisionQuery query) {
        Objects.requireNonNull(query, "query");
        return whileDaysStay("find the " + query.decision() + " decisions in " + query.region(),
                () -> database.readMayLag(connection -> tables.find(connection, query)));
    }

    @Override
    public int expire(Instant now) {
        LocalDate firstKept = DecisionTables.dayOf(now.minus(ttl));
        Lock exclusive = expiry.writeLock();
        exclusive.lock();
        try {
            List<LocalDate> dropped = database.write(connection -> tables.dropBefore(connection, firstKept));
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

    private void store(SortedMap<LocalDate, SortedMap<String, DecisionSummary>> byDay) throws SQLException {
        try {
            storeOnce(byDay);
        } catch (SQLTransientConnectionException unreachable) {
            throw unreachable;
        } catch (SQLException race) {
            days.forget(byDay.keySet());
            try {
                storeOnce(byDay);
            } catch (SQLException e) {
                e.addSuppressed(race);
                throw e;
            }
        }
    }

    private void storeOnce(SortedMap<LocalDate, SortedMap<String, DecisionSummary>> byDay) throws SQLException {
        days.create(database, byDay.keySet());
        database.writeLazily(connection -> {
            tables.insert(connection, byDay);
            return byDay.size();
        });
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
