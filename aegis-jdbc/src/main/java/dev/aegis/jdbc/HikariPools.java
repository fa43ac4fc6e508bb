package dev.aegis.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The HikariCP pools of a database, all in manual commit: the primary's, which opens only once the primary answers,
 * and one small read-only pool per replica, which opens whether or not its replica answers.
 */
final class HikariPools {

    /** How long a call waits for a connection: while the database is down, each call fails (503) after this. */
    private static final Duration PRIMARY_CONNECTION_TIMEOUT = Duration.ofSeconds(3);

    private HikariPools() {}

    /** The primary's pool, its connections opened. */
    static HikariDataSource primary(JdbcSettings settings) throws SQLException {
        HikariConfig config = config(settings, "aegis-jdbc", settings.url(), settings.poolSize());
        config.setConnectionTimeout(PRIMARY_CONNECTION_TIMEOUT.toMillis());
        try {
            return new HikariDataSource(config);
        } catch (PoolInitializationException e) {
            throw new SQLException("cannot connect to " + settings.location() + ": " + e.getMessage(), e);
        }
    }

    /** The pool of the replica at {@code settings.replicas().urls().get(index)}, connecting in the background. */
    static HikariDataSource replica(JdbcSettings settings, int index) {
        ReplicaSettings replicas = settings.replicas();
        HikariConfig config = config(settings, "aegis-jdbc-replica-" + index, replicas.urls().get(index),
                replicas.poolSize());
        config.setConnectionTimeout(replicas.connectionTimeout().toMillis());
        config.setValidationTimeout(replicas.connectionTimeout().toMillis());
        config.setInitializationFailTimeout(-1);
        config.setReadOnly(true);
        return new HikariDataSource(config);
    }

    private static HikariConfig config(JdbcSettings settings, String name, String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(size);
        config.setAutoCommit(false);
        settings.driverProperties().forEach(config::addDataSourceProperty);
        return config;
    }
}
