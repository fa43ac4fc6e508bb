package dev.aegis.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A relational database behind a HikariCP pool, its schema brought up to date by Flyway when opened (the
 * migrations under {@code db/migration} serve H2 and PostgreSQL alike). Work runs in transactions: committed
 * when it returns, rolled back when it throws, so a failure leaves nothing half written.
 */
public final class JdbcDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcDatabase.class);
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);

    private final JdbcSettings settings;
    private final HikariDataSource pool;

    private JdbcDatabase(JdbcSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
    }

    /** Work on one connection, inside a transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /**
     * Opens the pool and migrates the schema.
     *
     * @throws SQLException when the database cannot be reached or a migration fails
     */
    public static JdbcDatabase open(JdbcSettings settings) throws SQLException {
        HikariDataSource pool = openPool(settings);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new SQLException("migrating the schema of " + settings.location() + " failed: " + e.getMessage(), e);
        }
        return new JdbcDatabase(settings, pool);
    }

    /**
     * Runs {@code work} in one transaction on one connection of the pool and commits; returns once the commit is
     * durable: in the file for H2 (also when the process is killed right after), committed for PostgreSQL.
     */
    public <T> T write(SqlWork<T> work) throws SQLException {
        return transaction(connection -> {
            T result = work.apply(connection);
            connection.commit();
            settings.vendor().makeDurable(connection);
            return result;
        });
    }

    /** Runs {@code work}, which only reads, in one transaction on one connection of the pool. */
    public <T> T read(SqlWork<T> work) throws SQLException {
        return transaction(connection -> {
            T result = work.apply(connection);
            connection.commit();
            return result;
        });
    }

    /** Closes the pool; an H2 database is shut down, which stores and closes its file. */
    @Override
    public void close() {
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

    private static HikariDataSource openPool(JdbcSettings settings) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("aegis-jdbc");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setAutoCommit(false);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        settings.vendor().driverProperties().forEach(config::addDataSourceProperty);
        try {
            return new HikariDataSource(config);
        } catch (PoolInitializationException e) {
            throw new SQLException("cannot connect to " + settings.location() + ": " + e.getMessage(), e);
        }
    }

    private <T> T transaction(SqlWork<T> work) throws SQLException {
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
