package dev.aegis.jdbc;

import dev.aegis.api.time.TimeSource;
import dev.aegis.jdbc.JdbcDatabase.SqlWork;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One read replica: its pool, whether it is up, and, with a maximum lag, whether it is too far behind the primary.
 * A replica that failed is down until its retry time; then the one read that claims the retry tries it, the others
 * still skipping it, and a success brings it back up. Its health is an immutable value swapped atomically.
 */
final class Replica implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Replica.class);
    private static final long LAG_CHECK_INTERVAL = Duration.ofSeconds(1).toNanos();

    /**
     * Milliseconds behind the primary: since the last commit it replayed, while it holds a WAL page or more that it
     * received and did not replay; else zero, as an idle primary sends no commits, and the receive position may
     * stay at the end of a page that the replay position stopped short of.
     */
    private static final String LAG = "SELECT CASE WHEN pg_wal_lsn_diff(pg_last_wal_receive_lsn(),"
            + " pg_last_wal_replay_lsn()) < current_setting('wal_block_size')::int THEN 0"
            + " ELSE (EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) * 1000)::bigint END";

    private final String location;
    private final DataSource pool;
    private final Runnable closePool;
    private final ReplicaSettings settings;
    private final TimeSource time;
    private final AtomicReference<Health> health = new AtomicReference<>(Health.UP);
    private final AtomicLong lagCheckDue;
    private volatile boolean lagging;

    Replica(String location, DataSource pool, Runnable closePool, ReplicaSettings settings, TimeSource time) {
        this.location = location;
        this.pool = pool;
        this.closePool = closePool;
        this.settings = settings;
        this.time = time;
        this.lagCheckDue = new AtomicLong(time.nanoTime());
    }

    /** Up, or down until {@code retryAt} ({@link TimeSource#nanoTime}). */
    private record Health(boolean up, long retryAt) {
        static final Health UP = new Health(true, 0);
    }

    /**
     * Whether a read may run here now: the replica is up, or down and this read claimed its retry; and it is not
     * too far behind, which is measured here when due.
     *
     * @throws SQLException when measuring the lag failed
     */
    boolean takesRead() throws SQLException {
        long now = time.nanoTime();
        Health current = health.get();
        if (!current.up() && (now - current.retryAt() < 0 || !health.compareAndSet(current, downFrom(now)))) {
            return false;
        }
        return !isLagging(now);
    }

    /** Runs {@code work} in one transaction on this replica. */
    <T> T read(SqlWork<T> work) throws SQLException {
        T result = JdbcDatabase.inTransaction(pool, connection -> {
            T read = work.apply(connection);
            connection.commit();
            return read;
        });
        markUp();
        return result;
    }

    /** Skips this replica for {@link ReplicaSettings#downFor}, logging when it was up until now. */
    void markDown(SQLException cause) {
        if (health.getAndSet(downFrom(time.nanoTime())).up()) {
            LOG.warn("read replica {} is down, its reads go elsewhere for {} ms and then try it again: {}", location,
                    settings.downFor().toMillis(), cause.getMessage());
        }
    }

    @Override
    public void close() {
        closePool.run();
    }

    @Override
    public String toString() {
        return location;
    }

    private void markUp() {
        if (!health.get().up() && !health.getAndSet(Health.UP).up()) {
            LOG.info("read replica {} is back", location);
        }
    }

    private Health downFrom(long now) {
        return new Health(false, now + settings.downFor().toNanos());
    }

    private boolean isLagging(long now) throws SQLException {
        Optional<Duration> maxLag = settings.maxLag();
        long due = lagCheckDue.get();
        if (maxLag.isPresent() && now - due >= 0 && lagCheckDue.compareAndSet(due, now + LAG_CHECK_INTERVAL)) {
            Duration lag = read(Replica::lag);
            boolean behind = lag.compareTo(maxLag.get()) > 0;
            if (behind != lagging) {
                LOG.info("read replica {} is {} ms behind the primary, its reads go {}", location, lag.toMillis(),
                        behind ? "elsewhere" : "to it again");
            }
            lagging = behind;
        }
        return lagging;
    }

    private static Duration lag(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(LAG)) {
            row.next();
            return Duration.ofMillis(row.getLong(1));
        }
    }
}
