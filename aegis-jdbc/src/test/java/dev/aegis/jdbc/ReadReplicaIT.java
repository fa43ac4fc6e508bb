package dev.aegis.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.jdbc.JdbcDatabase.SqlWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reads that may lag run on a real streaming replica of the local PostgreSQL ({@link LocalReplica}), and on the
 * primary while the replica is down or too far behind; every other read and write runs on the primary.
 */
class ReadReplicaIT {

    private static final String DATABASE = "aegis_it_" + UUID.randomUUID().toString().replace("-", "");
    private static final Duration CONNECTION_TIMEOUT = Duration.ofMillis(500);
    private static final Duration DOWN_FOR = Duration.ofSeconds(1);
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final SqlWork<Boolean> ON_REPLICA = connection -> firstValue(connection,
            "SELECT pg_is_in_recovery()").equals("t");

    private JdbcDatabase database;

    @BeforeAll
    static void createDatabase() {
        LocalReplica.ensureRunning();
        LocalPostgres.execute("postgres", "CREATE DATABASE " + DATABASE);
        LocalPostgres.execute(DATABASE, "CREATE TABLE notes (text VARCHAR(100) NOT NULL)");
        LocalReplica.awaitCaughtUp();
    }

    @AfterAll
    static void dropDatabase() {
        LocalPostgres.execute("postgres", "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    @BeforeEach
    void open() throws SQLException {
        database = open(ReplicaSettings.of(List.of(LocalReplica.url(DATABASE)))
                .withTimeouts(CONNECTION_TIMEOUT, DOWN_FOR));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aRowWrittenOnThePrimaryIsReadOnTheReplica() throws Exception {
        String text = UUID.randomUUID().toString();
        database.write(connection -> insert(connection, text));

        awaitReadMayLag(connection -> count(connection, text) == 1 && ON_REPLICA.apply(connection));
    }

    @Test
    void readsAndWritesRunOnThePrimary() throws SQLException {
        assertThat(database.readMayLag(ON_REPLICA)).isTrue();

        assertThat(database.read(ON_REPLICA)).isFalse();
        assertThat(database.write(ON_REPLICA)).isFalse();
        assertThat(database.writeLazily(ON_REPLICA)).isFalse();
    }

    @Test
    void whileTheReplicaIsDownReadsRunOnThePrimaryAndComeBackWhenItIsUp() throws Exception {
        assertThat(database.readMayLag(ON_REPLICA)).isTrue();
        try {
            LocalReplica.stop();
            long start = System.nanoTime();

            assertThat(database.readMayLag(ON_REPLICA)).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(database.readMayLag(ON_REPLICA)).isFalse();
        } finally {
            LocalReplica.start();
        }
        awaitReadMayLag(ON_REPLICA);
    }

    @Test
    void aReplicaFurtherBehindThanTheMaximumLagIsSkippedUntilItCatchesUp() throws Exception {
        Duration maxLag = Duration.ofMillis(100);
        database.close();
        database = open(ReplicaSettings.of(List.of(LocalReplica.url(DATABASE))).withMaxLag(maxLag));
        LocalReplica.awaitCaughtUp();
        Thread.sleep(maxLag.multipliedBy(3).toMillis());
        assertThat(database.readMayLag(ON_REPLICA)).as("a replica idle for longer than the maximum lag").isTrue();
        try {
            LocalReplica.pauseReplay();
            database.write(connection -> insertMany(connection, "behind", 500));

            awaitReadMayLag(connection -> !ON_REPLICA.apply(connection));
        } finally {
            LocalReplica.resumeReplay();
        }
        awaitReadMayLag(ON_REPLICA);
    }

    private static JdbcDatabase open(ReplicaSettings replicas) throws SQLException {
        return JdbcDatabase.open(LocalPostgres.settings(DATABASE).withReplicas(replicas));
    }

    /** Returns once {@code check} read true through readMayLag, which never throws meanwhile. */
    private void awaitReadMayLag(SqlWork<Boolean> check) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!database.readMayLag(check)) {
            assertThat(System.nanoTime() - deadline).as("read true within " + PATIENCE).isNegative();
            Thread.sleep(10);
        }
    }

    private static int insert(Connection connection, String text) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notes (text) VALUES (?)")) {
            insert.setString(1, text);
            return insert.executeUpdate();
        }
    }

    /** Inserts {@code rows} rows of {@code text}: 500 make tens of kilobytes of WAL, several pages. */
    private static int insertMany(Connection connection, String text, int rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO notes (text) SELECT ? FROM generate_series(1, ?)")) {
            insert.setString(1, text);
            insert.setInt(2, rows);
            return insert.executeUpdate();
        }
    }

    private static int count(Connection connection, String text) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM notes WHERE text = ?")) {
            count.setString(1, text);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static String firstValue(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
