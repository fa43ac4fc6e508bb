package dev.aegis.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The PostgreSQL read replicas that serve {@link JdbcDatabase#readMayLag}, reached with the primary's user and
 * password. Each gets a small pool that opens even while the replica is down; a replica that cannot be reached is
 * left alone for {@code downFor}, its reads going to the next replica, then to the primary.
 *
 * @param urls {@code jdbc:postgresql:} URLs, tried round robin; none: every read goes to the primary
 * @param poolSize connections in each replica's pool
 * @param connectionTimeout how long a read waits for a replica's connection before it tries elsewhere, at least
 *     250 ms (HikariCP's minimum)
 * @param downFor how long a replica that failed is skipped before a read tries it again
 * @param maxLag when present, a replica further behind the primary than this is skipped; the lag is measured on
 *     the replica at most once a second, as the time since it replayed its last commit while it holds a WAL page
 *     (8 kB) or more that it received and did not replay, else as zero (an idle primary sends no commits)
 */
public record ReplicaSettings(List<String> urls, int poolSize, Duration connectionTimeout, Duration downFor,
        Optional<Duration> maxLag) {

    /** Connections in each replica's pool, unless told otherwise. */
    public static final int DEFAULT_POOL_SIZE = 2;
    /** How long a read waits for a replica's connection, unless told otherwise. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(1);
    /** How long a replica that failed is skipped, unless told otherwise. */
    public static final Duration DEFAULT_DOWN_FOR = Duration.ofSeconds(5);

    private static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    public ReplicaSettings {
        urls = List.copyOf(urls);
        urls.forEach(ReplicaSettings::requirePostgres);
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(downFor, "downFor");
        Objects.requireNonNull(maxLag, "maxLag");
        if (poolSize < 1) {
            throw new IllegalArgumentException("a replica's pool needs at least 1 connection, was " + poolSize);
        }
        if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) {
            throw new IllegalArgumentException("a replica's connection timeout must be at least "
                    + MIN_CONNECTION_TIMEOUT.toMillis() + " ms, was " + connectionTimeout.toMillis() + " ms");
        }
        requirePositive("downFor", downFor);
        maxLag.ifPresent(lag -> requirePositive("maxLag", lag));
    }

    /** No replicas: every read goes to the primary. */
    public static ReplicaSettings none() {
        return of(List.of());
    }

    /** The replicas at {@code urls}, with the default pool size, connection timeout and down time, no maximum lag. */
    public static ReplicaSettings of(List<String> urls) {
        return new ReplicaSettings(urls, DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT, DEFAULT_DOWN_FOR,
                Optional.empty());
    }

    /** These settings, skipping a replica further behind the primary than {@code maxLag}. */
    public ReplicaSettings withMaxLag(Duration maxLag) {
        return new ReplicaSettings(urls, poolSize, connectionTimeout, downFor, Optional.of(maxLag));
    }

    /**
     * These settings, a read waiting up to {@code connectionTimeout} for a replica's connection and skipping a
     * replica that failed for {@code downFor}.
     */
    public ReplicaSettings withTimeouts(Duration connectionTimeout, Duration downFor) {
        return new ReplicaSettings(urls, poolSize, connectionTimeout, downFor, maxLag);
    }

    /** The replicas' URLs without their parameters, which may hold credentials: for messages. */
    public List<String> locations() {
        return urls.stream().map(JdbcSettings::location).toList();
    }

    private static void requirePostgres(String url) {
        Objects.requireNonNull(url, "url");
        if (Vendor.of(url) != Vendor.POSTGRESQL) {
            throw new IllegalArgumentException("read replicas are PostgreSQL servers, " + JdbcSettings.location(url)
                    + " is not");
        }
    }

    private static void requirePositive(String name, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
