package dev.aegis.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** The database products the adapters support, told apart by the JDBC URL, and what differs between them. */
enum Vendor {

    /**
     * Embedded, in the JVM. A commit is in memory until H2 stores it: {@code CHECKPOINT} stores it now, and waits
     * for a store in progress on another thread. The database outlives its connections, so it is shut down.
     */
    H2("jdbc:h2:", Map.of()) {
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
     * trip per batch) and keeps parameter values, such as a task's input, out of its exception messages.
     */
    POSTGRESQL("jdbc:postgresql:", Map.of("reWriteBatchedInserts", "true", "logServerErrorDetail", "false"));

    private final String urlPrefix;
    private final Map<String, String> driverProperties;

    Vendor(String urlPrefix, Map<String, String> driverProperties) {
        this.urlPrefix = urlPrefix;
        this.driverProperties = driverProperties;
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

    Map<String, String> driverProperties() {
        return driverProperties;
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
