package dev.aegis.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.aegis.api.time.TimeSource;
import dev.aegis.jdbc.JdbcDatabase.SqlWork;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The read replicas of a database, taking the reads that may lag round robin. A read skips the replicas that are
 * down or too far behind; one that cannot reach its replica marks it down and goes on to the next, and so does one
 * that finds the replica without a database or table the primary has (created since, not yet replayed); when no
 * replica answered, it runs on the primary. Any other failure of the work is the work's own, and is thrown.
 */
final class ReadReplicas implements AutoCloseable {

    private final List<Replica> replicas;
    private final AtomicInteger next = new AtomicInteger();

    ReadReplicas(List<Replica> replicas) {
        this.replicas = List.copyOf(replicas);
    }

    /** A read on the primary, for when no replica answered. */
    @FunctionalInterface
    interface PrimaryRead<T> {
        T read() throws SQLException;
    }

    /** The replicas of {@code settings}, each with its pool, opened whether or not the replica answers. */
    static ReadReplicas open(JdbcSettings settings, TimeSource time) {
        List<Replica> replicas = new ArrayList<>();
        List<String> locations = settings.replicas().locations();
        for (int i = 0; i < locations.size(); i++) {
            HikariDataSource pool = HikariPools.replica(settings, i);
            replicas.add(new Replica(locations.get(i), pool, pool::close, settings.replicas(), time));
        }
        return new ReadReplicas(replicas);
    }

    /** Runs {@code work} on the next replica that takes it and answers, or else {@code onPrimary}. */
    <T> T read(SqlWork<T> work, PrimaryRead<T> onPrimary) throws SQLException {
        int first = next.getAndIncrement();
        for (int i = 0; i < replicas.size(); i++) {
            Replica replica = replicas.get(Math.floorMod(first + i, replicas.size()));
            try {
                if (replica.takesRead()) {
                    return replica.read(work);
                }
            } catch (SQLException e) {
                if (isUnreachable(e)) {
                    replica.markDown(e);
                } else if (!isBehind(e)) {
                    throw e;
                }
            }
        }
        return onPrimary.read();
    }

    @Override
    public void close() {
        replicas.forEach(Replica::close);
    }

    /**
     * Whether {@code failure} says the server could not be used, rather than that the work failed: no connection
     * within the pool's timeout, a connection that failed (SQLSTATE class 08), or a server that is starting up,
     * shutting down or was shut down under the work (57P01 to 57P04).
     */
    static boolean isUnreachable(SQLException failure) {
        String state = failure.getSQLState();
        return failure instanceof SQLTransientConnectionException
                || state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    /** Whether {@code failure} names a database (3D000) or table (42P01) that the replica has not replayed yet. */
    static boolean isBehind(SQLException failure) {
        return "3D000".equals(failure.getSQLState()) || "42P01".equals(failure.getSQLState());
    }
}
