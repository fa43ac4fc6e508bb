package dev.aegis.jdbc;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a relational database is, how many connections to keep open to it, and how to reach it in a cluster: read
 * replicas for reads that may lag, and a pooler such as pgbouncer in front of it.
 *
 * @param url a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL
 * @param poolSize connections in the pool, all kept open
 * @param replicas the PostgreSQL read replicas that serve {@link JdbcDatabase#readMayLag}; none by default
 * @param transactionPooling whether {@code url} (and the replicas' URLs) lead to a pooler in transaction mode, such
 *     as pgbouncer with {@code pool_mode = transaction}, which gives each transaction whichever server connection
 *     is free: then the driver keeps no prepared statements on the server and nothing is set in a session.
 *     PostgreSQL only; needs {@code migrationUrl}. Off by default
 * @param migrationUrl where Flyway migrates the schema, when not through {@code url}: a direct URL of the primary,
 *     as Flyway holds a session lock and sets session state, which a pooler in transaction mode breaks
 */
public record JdbcSettings(String url, String user, String password, int poolSize, ReplicaSettings replicas,
        boolean transactionPooling, Optional<String> migrationUrl) {

    /** Connections to an embedded H2 database: its work runs on this JVM's cores, its commits on one lock. */
    private static final int H2_POOL_SIZE = 8;

    /**
     * H2 settings of every embedded database. {@code DB_CLOSE_DELAY=-1}: the database stays open while the pool
     * replaces connections, until {@link JdbcDatabase#close()} shuts it down. {@code DB_CLOSE_ON_EXIT=FALSE}: the
     * owner closes it after its last write, rather than a shutdown hook under a write. Durability is not a URL
     * setting: {@link JdbcDatabase#write} stores each commit before it returns (see docs/storage.md).
     */
    private static final String H2_OPTIONS = ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE";

    public JdbcSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(replicas, "replicas");
        Objects.requireNonNull(migrationUrl, "migrationUrl");
        Vendor vendor = Vendor.of(url);
        if (poolSize < 1) {
            throw new IllegalArgumentException("the pool of " + location(url) + " needs at least 1 connection, was "
                    + poolSize);
        }
        requireCluster(vendor, url, replicas, transactionPooling, migrationUrl);
    }

    /** A database without replicas or pooler: every connection goes straight to {@code url}. */
    public JdbcSettings(String url, String user, String password, int poolSize) {
        this(url, user, password, poolSize, ReplicaSettings.none(), false, Optional.empty());
    }

    /** The embedded H2 database in the file {@code <dataDir>/aegis.mv.db}. */
    public static JdbcSettings h2(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve("aegis");
        return new JdbcSettings("jdbc:h2:file:" + file + H2_OPTIONS, "sa", "", H2_POOL_SIZE);
    }

    /** A new, empty H2 database in memory, gone when closed: for tests. */
    public static JdbcSettings h2InMemory() {
        return new JdbcSettings("jdbc:h2:mem:aegis-" + UUID.randomUUID() + H2_OPTIONS, "sa", "", H2_POOL_SIZE);
    }

    /** These settings, reads that may lag going to {@code replicas}. */
    public JdbcSettings withReplicas(ReplicaSettings replicas) {
        return new JdbcSettings(url, user, password, poolSize, replicas, transactionPooling, migrationUrl);
    }

    /**
     * These settings for a {@code url} that leads to a pooler in transaction mode (see {@link #transactionPooling}),
     * the schema migrated through {@code migrationUrl}, a direct URL of the primary.
     */
    public JdbcSettings behindTransactionPooler(String migrationUrl) {
        return new JdbcSettings(url, user, password, poolSize, replicas, true, Optional.of(migrationUrl));
    }

    /** The URL without its parameters, which may hold credentials: for messages. */
    public String location() {
        return location(url);
    }

    Vendor vendor() {
        return Vendor.of(url);
    }

    /** The driver's settings for every pool of this database. */
    Map<String, String> driverProperties() {
        return vendor().driverProperties(transactionPooling);
    }

    @Override
    public String toString() {
        return "JdbcSettings[url=" + location() + ", user=" + user + ", poolSize=" + poolSize + ", replicas="
                + replicas.locations() + ", transactionPooling=" + transactionPooling + ", migrationUrl="
                + migrationUrl.map(JdbcSettings::location).orElse("url") + "]";
    }

    /** The URL without its parameters, which may hold credentials. */
    static String location(String url) {
        int parameters = url.indexOf(url.startsWith("jdbc:h2:") ? ';' : '?');
        return parameters < 0 ? url : url.substring(0, parameters);
    }

    private static void requireCluster(Vendor vendor, String url, ReplicaSettings replicas,
            boolean transactionPooling, Optional<String> migrationUrl) {
        if (vendor != Vendor.POSTGRESQL && (transactionPooling || !replicas.urls().isEmpty())) {
            throw new IllegalArgumentException("read replicas and transaction pooling need PostgreSQL, "
                    + location(url) + " is not");
        }
        if (transactionPooling && migrationUrl.isEmpty()) {
            throw new IllegalArgumentException("behind a pooler in transaction mode, " + location(url)
                    + " needs a migrationUrl that leads straight to the primary: Flyway holds a session lock");
        }
        if (migrationUrl.isPresent() && Vendor.of(migrationUrl.get()) != vendor) {
            throw new IllegalArgumentException("the migrationUrl " + location(migrationUrl.get())
                    + " leads to another kind of database than " + location(url));
        }
    }
}
