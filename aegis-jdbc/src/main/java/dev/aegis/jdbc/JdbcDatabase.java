package dev.aegis.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.aegis.api.time.TimeSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A relational database behind a HikariCP pool, its schema brought up to date by Flyway when opened (the
 * migrations under {@code db/migration} by default, each set serving H2 and PostgreSQL alike). Work runs in
 * transactions: committed when it returns, rolled back when it throws, so a failure leaves nothing half written.
 * Writes and reads run on the primary; reads that may lag run on the read replicas of the settings, when there are
 * any and one answers.
 */
public final class JdbcDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcDatabase.class);
    private static final String TASK_MIGRATIONS = "db/migration";
    private static final Pattern MIGRATIONS = Pattern.compile("db/([a-z][a-z0-9_]*)");

    private final JdbcSettings settings;
    private final HikariDataSource pool;
    private final ReadReplicas replicas;

    private JdbcDatabase(JdbcSettings settings, HikariDataSource pool, ReadReplicas replicas) {
        this.settings = settings;
        this.pool = pool;
        this.replicas = replicas;
    }

    /** Work on one connection, inside a transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /**
     * Opens the pools and migrates the schema with the migrations under {@code db/migration}.
     *
     * @throws SQLException when the database cannot be reached or a migration fails
     */
    public static JdbcDatabase open(JdbcSettings settings) throws SQLException {
        return open(settings, TASK_MIGRATIONS);
    }

    /**
     * Opens the pools and migrates the schema with the migrations under {@code migrations} on the classpath, such
     * as {@code db/index}, through the settings' {@code migrationUrl} when they have one. The primary must answer;
     * the replicas' pools open whether or not theirs do. Each set keeps its own history table
     * ({@code flyway_index_history} for {@code db/index}; Flyway's default {@code flyway_schema_history} for
     * {@code db/migration}), so that several sets may share one database, migrated in any order: a set that finds
     * the database holding another set's tables starts its history there and runs all of its own migrations.
     *
     * @param migrations {@code db/} and one lower-case name
     * @throws SQLException when the database cannot be reached or a migration fails
     */
    public static JdbcDatabase open(JdbcSettings settings, String migrations) throws SQLException {
        String history = historyTable(migrations);
        HikariDataSource pool = HikariPools.primary(settings);
        try {
            migrationSource(settings, pool).locations("classpath:" + migrations).table(history)
                    .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new SQLException("migrating the schema of " + settings.location() + " failed: " + e.getMessage(), e);
        }
        return new JdbcDatabase(settings, pool, ReadReplicas.open(settings, TimeSource.system()));
    }

    /**
     * Runs {@code work} in one transaction on one connection of the pool and commits; returns once the commit is
     * durable: in the file for H2 (also when the process is killed right after), committed for PostgreSQL.
     */
    public <T> T write(SqlWork<T> work) throws SQLException {
        return committed(work, true);
    }

    /**
     * Runs {@code work} in one transaction and commits, without waiting for H2 to store the commit in its file (it
     * does within about a second; a process killed sooner loses it). For data that can be rebuilt, such as an index
     * of what the audit log holds. On PostgreSQL the same as {@link #write}.
     */
    public <T> T writeLazily(SqlWork<T> work) throws SQLException {
        return committed(work, false);
    }

    /** Runs {@code work}, which only reads, in one transaction on one connection of the primary's pool. */
    public <T> T read(SqlWork<T> work) throws SQLException {
        return committed(work, false);
    }

    /**
     * Runs {@code work}, a read that tolerates replication lag (it may miss the latest commits), in one transaction:
     * on a read replica where replicas are configured, on the primary otherwise. The replicas take turns, skipping
     * those down or further behind than {@link ReplicaSettings#maxLag}; one that cannot be reached is marked down
     * for {@link ReplicaSettings#downFor} and the read goes on to the next, then to the primary, so that a replica
     * failing never fails the read. Reads that must see the caller's own writes use {@link #read}.
     */
    public <T> T readMayLag(SqlWork<T> work) throws SQLException {
        return replicas.read(work, () -> read(work));
    }

    private <T> T committed(SqlWork<T> work, boolean durable) throws SQLException {
        return inTransaction(pool, connection -> {
            T result = work.apply(connection);
            connection.commit();
            if (durable) {
                settings.vendor().makeDurable(connection);
            }
            return result;
        });
    }

    /** Closes the pools; an H2 database is shut down, which stores and closes its file. */
    @Override
    public void close() {
        replicas.close();
        pool.close();
        try {
            settings.vendor().shutDown(settings);
        } catch (SQLException e) {
            LOG.warn("shutting down {} failed: {}", settings.location(), e.getMessage());
        }
    }

    @Override
    public String toString() {
        return settings.location();
    }

    private static String historyTable(String migrations) {
        Matcher name = MIGRATIONS.matcher(migrations);
        if (!name.matches()) {
            throw new IllegalArgumentException("migrations must be under db/ and named in lower case, were "
                    + migrations);
        }
        return migrations.equals(TASK_MIGRATIONS) ? "flyway_schema_history" : "flyway_" + name.group(1) + "_history";
    }

    private static FluentConfiguration migrationSource(JdbcSettings settings, DataSource pool) {
        FluentConfiguration flyway = Flyway.configure();
        return settings.migrationUrl().map(url -> flyway.dataSource(url, settings.user(), settings.password()))
                .orElseGet(() -> flyway.dataSource(pool));
    }

    /** Runs {@code work} on one connection of {@code pool}, rolled back when it throws; committing is the work's. */
    static <T> T inTransaction(DataSource pool, SqlWork<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            try {
                return work.apply(connection);
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        }
    }

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
