package dev.aegis.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.jdbc.JdbcDatabase.SqlWork;
import dev.aegis.testkit.ManualClock;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Reads that may lag take turns on the replicas that are up, skip those that failed until their down time is over,
 * and fall back on the primary; the replicas here are H2 databases that each answer their own name.
 */
class ReadReplicasTest {

    private static final ReplicaSettings SETTINGS = ReplicaSettings.of(List.of());
    private static final SqlWork<String> NAME = connection -> firstValue(connection, "SELECT name FROM server");

    private final ManualClock clock = new ManualClock();
    private final List<Server> servers = new ArrayList<>();

    @Test
    void readsTakeTurnsOnTheReplicas() throws SQLException {
        ReadReplicas replicas = replicas("a", "b");

        assertThat(List.of(read(replicas), read(replicas), read(replicas), read(replicas)))
                .containsExactly("a", "b", "a", "b");
    }

    @Test
    void withoutReplicasReadsRunOnThePrimary() throws SQLException {
        assertThat(read(replicas())).isEqualTo("primary");
    }

    @Test
    void aReplicaThatCannotBeReachedIsSkippedUntilItsDownTimeIsOver() throws SQLException {
        ReadReplicas replicas = replicas("a", "b");
        Server a = servers.getFirst();
        a.up.set(false);

        assertThat(List.of(read(replicas), read(replicas), read(replicas))).containsOnly("b");
        assertThat(a.connections.get()).isEqualTo(1);

        a.up.set(true);
        clock.advance(SETTINGS.downFor().minusMillis(1));
        assertThat(List.of(read(replicas), read(replicas))).containsOnly("b");
        clock.advance(Duration.ofMillis(1));
        assertThat(List.of(read(replicas), read(replicas))).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void whenNoReplicaAnswersTheReadRunsOnThePrimary() throws SQLException {
        ReadReplicas replicas = replicas("a");
        servers.getFirst().up.set(false);

        assertThat(List.of(read(replicas), read(replicas))).containsOnly("primary");
    }

    @Test
    void aReplicaThatHasNotReplayedATableYetSendsTheReadOnWithoutBeingMarkedDown() throws SQLException {
        ReadReplicas replicas = replicas("a");
        SqlWork<String> newTable = connection -> {
            throw new SQLException("relation \"table_of_tomorrow\" does not exist", "42P01");
        };

        assertThat(replicas.read(newTable, () -> "primary")).isEqualTo("primary");
        assertThat(read(replicas)).isEqualTo("a");
    }

    @Test
    void aFailureOfTheWorkIsThrownAndLeavesTheReplicaUp() throws SQLException {
        ReadReplicas replicas = replicas("a");
        SqlWork<String> wrong = connection -> firstValue(connection, "SELEC name FROM server");

        assertThatThrownBy(() -> replicas.read(wrong, () -> "primary")).isInstanceOf(SQLException.class);
        assertThat(read(replicas)).isEqualTo("a");
    }

    @Test
    void connectionFailuresAndServersStartingOrStoppingMeanUnreachable() {
        assertThat(ReadReplicas.isUnreachable(new SQLTransientConnectionException("pool timed out"))).isTrue();
        assertThat(ReadReplicas.isUnreachable(new SQLException("refused", "08001"))).isTrue();
        assertThat(ReadReplicas.isUnreachable(new SQLException("I/O error", "08006"))).isTrue();
        assertThat(ReadReplicas.isUnreachable(new SQLException("starting up", "57P03"))).isTrue();
        assertThat(ReadReplicas.isUnreachable(new SQLException("admin shutdown", "57P01"))).isTrue();
        assertThat(ReadReplicas.isUnreachable(new SQLException("statement timeout", "57014"))).isFalse();
        assertThat(ReadReplicas.isUnreachable(new SQLException("syntax", "42601"))).isFalse();
        assertThat(ReadReplicas.isUnreachable(new SQLException("no state"))).isFalse();
    }

    private String read(ReadReplicas replicas) throws SQLException {
        return replicas.read(NAME, () -> "primary");
    }

    private ReadReplicas replicas(String... names) throws SQLException {
        List<Replica> replicas = new ArrayList<>();
        for (String name : names) {
            Server server = new Server(name);
            servers.add(server);
            replicas.add(new Replica(name, server.dataSource(), () -> { }, SETTINGS, clock));
        }
        return new ReadReplicas(replicas);
    }

    private static String firstValue(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    /** An H2 database in memory that answers its name, or refuses connections (08001) while not up. */
    private static final class Server {

        final AtomicBoolean up = new AtomicBoolean(true);
        final AtomicInteger connections = new AtomicInteger();
        private final String url = "jdbc:h2:mem:replica-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

        Server(String name) throws SQLException {
            try (Connection connection = DriverManager.getConnection(url);
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE server (name VARCHAR(10))");
                statement.execute("INSERT INTO server VALUES ('" + name + "')");
            }
        }

        DataSource dataSource() {
            return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                        if (!method.getName().equals("getConnection")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        return connect();
                    });
        }

        private Connection connect() throws SQLException {
            connections.incrementAndGet();
            if (!up.get()) {
                throw new SQLException("Connection refused", "08001");
            }
            Connection connection = DriverManager.getConnection(url);
            connection.setAutoCommit(false);
            return connection;
        }
    }
}
