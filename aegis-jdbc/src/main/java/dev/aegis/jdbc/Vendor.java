package dev.aegis.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** The database products the adapters support, told apart by the JDBC URL, and what differs between them. */
enum Vendor {

    /**
     * Embedded, in the JVM. A commit is in memory until H2 stores it: {@code CHECKPOINT} stores it now, and waits
     * for a store in progress on another thread. The database outlives its connections, so it is shut down.
     */
    H2("jdbc:h2:", Map.of(), Map.of()) {
        @Override
        void makeDurable(Connection connection) throws SQLException {
            execute(connection, "CHECKPOINT");
        }

        @Override
        void shutDown(JdbcSettings settings) throws SQLException {
            try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(),
                    settings.password())) {
                execute(connection, "SHUTDOWN");
            }
        }
    },

    /**
     * A commit is durable when it returns. The driver folds a batch of inserts into multi-row inserts (one round
     * trip per batch) and keeps parameter values, such as a task's input, out of its exception messages. Behind a
     * pooler in transaction mode it prepares no named statements on the server ({@code prepareThreshold=0}), as
     * the next transaction may run on another server connection; on PostgreSQL 12 and later it sets nothing in the
     * session, and neither do {@link JdbcDatabase}'s pools.
     */
    POSTGRESQL("jdbc:postgresql:", Map.of("reWriteBatchedInserts", "true", "logServerErrorDetail", "false"),
            Map.of("prepareThreshold", "0"));

    private final String urlPrefix;
    private final Map<String, String> driverProperties;
    private final Map<String, String> transactionPoolingProperties;

    Vendor(String urlPrefix, Map<String, String> driverProperties, Map<String, String> transactionPoolingProperties) {
        this.urlPrefix = urlPrefix;
        this.driverProperties = driverProperties;
        this.transactionPoolingProperties = transactionPoolingProperties;
    }

    static Vendor of(String url) {
        for (Vendor vendor : values()) {
            if (url.startsWith(vendor.urlPrefix)) {
                return vendor;
            }
        }
        throw new IllegalArgumentException("unsupported JDBC URL " + url.split("[;?]")[0]
                + ": it must start with jdbc:h2: or jdbc:postgresql:");
    }

    /** The driver's settings, for a direct connection or one through a pooler in transaction mode. */
    Map<String, String> driverProperties(boolean transactionPooling) {
        if (!transactionPooling) {
            return driverProperties;
        }
        Map<String, String> properties = new HashMap<>(driverProperties);
        properties.putAll(transactionPoolingProperties);
        return Map.copyOf(properties);
    }

    /** Called after a commit that wrote: returns once the commit survives the end of the process. */
    void makeDurable(Connection connection) throws SQLException {
        // the database's commit already is
    }

    /** Called after the pool closed. */
    void shutDown(JdbcSettings settings) throws SQLException {
        // the server stays up
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
