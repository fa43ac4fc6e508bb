package dev.aegis.jdbc;

import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a relational database is and how many connections to keep open to it.
 *
 * @param url a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL
 * @param poolSize connections in the pool, all kept open
 */
public record JdbcSettings(String url, String user, String password, int poolSize) {

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
        Vendor.of(url);
        if (poolSize < 1) {
            throw new IllegalArgumentException("the pool of " + location(url) + " needs at least 1 connection, was "
                    + poolSize);
        }
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

    /** The URL without its parameters, which may hold credentials: for messages. */
    public String location() {
        return location(url);
    }

    Vendor vendor() {
        return Vendor.of(url);
    }

    @Override
    public String toString() {
        return "JdbcSettings[url=" + location() + ", user=" + user + ", poolSize=" + poolSize + "]";
    }

    private static String location(String url) {
        int parameters = url.indexOf(url.startsWith("jdbc:h2:") ? ';' : '?');
        return parameters < 0 ? url : url.substring(0, parameters);
    }
}
