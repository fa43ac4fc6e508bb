package dev.aegis.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Settings fail fast and keep credentials out of messages. */
class JdbcSettingsTest {

    @Test
    void anUnsupportedDatabaseIsRefused() {
        assertThatThrownBy(() -> new JdbcSettings("jdbc:mysql://db/aegis", "u", "p", 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mysql://db/aegis")
                .hasMessageContaining("jdbc:h2: or jdbc:postgresql:");
    }

    @Test
    void aPoolNeedsAConnection() {
        assertThatThrownBy(() -> new JdbcSettings("jdbc:postgresql://db/aegis", "u", "p", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 connection");
    }

    @Test
    void theLocationAndToStringLeaveOutParametersAndPassword() {
        JdbcSettings settings = new JdbcSettings("jdbc:postgresql://db:5432/aegis?password=hunter2", "aegis",
                "hunter2", 4);

        assertThat(settings.location()).isEqualTo("jdbc:postgresql://db:5432/aegis");
        assertThat(settings.toString()).doesNotContain("hunter2");
    }

    @Test
    void theEmbeddedDatabaseIsAFileInTheDataDirectory() {
        JdbcSettings settings = JdbcSettings.h2(Path.of("/var/aegis"));

        assertThat(settings.location()).isEqualTo("jdbc:h2:file:/var/aegis/aegis");
    }

    @Test
    void byDefaultThereAreNoReplicasAndNoPooler() {
        JdbcSettings settings = new JdbcSettings("jdbc:postgresql://db/aegis", "u", "p", 4);

        assertThat(settings.replicas().urls()).isEmpty();
        assertThat(settings.transactionPooling()).isFalse();
        assertThat(settings.migrationUrl()).isEmpty();
        assertThat(settings.driverProperties()).doesNotContainKey("prepareThreshold");
    }

    @Test
    void replicasHaveSmallPoolsThatWaitASecondAndSkipAFailedReplicaForFiveSeconds() {
        ReplicaSettings replicas = ReplicaSettings.of(List.of("jdbc:postgresql://replica/aegis"));

        assertThat(replicas.poolSize()).isEqualTo(2);
        assertThat(replicas.connectionTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(replicas.downFor()).isEqualTo(Duration.ofSeconds(5));
        assertThat(replicas.maxLag()).isEmpty();
    }

    @Test
    void replicasArePostgresServersOfAPostgresPrimary() {
        assertThatThrownBy(() -> ReplicaSettings.of(List.of("jdbc:h2:mem:replica")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("read replicas are PostgreSQL servers");
        ReplicaSettings replicas = ReplicaSettings.of(List.of("jdbc:postgresql://replica/aegis"));
        assertThatThrownBy(() -> JdbcSettings.h2InMemory().withReplicas(replicas))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need PostgreSQL");
    }

    @Test
    void aReplicaConnectionTimeoutUnderAQuarterSecondIsRefused() {
        ReplicaSettings replicas = ReplicaSettings.of(List.of("jdbc:postgresql://replica/aegis"));

        assertThatThrownBy(() -> replicas.withTimeouts(Duration.ofMillis(100), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 250 ms");
        assertThatThrownBy(() -> replicas.withMaxLag(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLag must be positive");
    }

    @Test
    void behindATransactionPoolerTheDriverPreparesNoStatementsOnTheServerAndFlywayGoesDirect() {
        JdbcSettings settings = new JdbcSettings("jdbc:postgresql://pgbouncer:6432/aegis", "u", "p", 4)
                .behindTransactionPooler("jdbc:postgresql://db:5432/aegis");

        assertThat(settings.driverProperties()).containsEntry("prepareThreshold", "0")
                .containsEntry("reWriteBatchedInserts", "true");
        assertThat(settings.migrationUrl()).contains("jdbc:postgresql://db:5432/aegis");
    }

    @Test
    void transactionPoolingNeedsADirectMigrationUrlAndPostgres() {
        assertThatThrownBy(() -> new JdbcSettings("jdbc:postgresql://pgbouncer/aegis", "u", "p", 4,
                ReplicaSettings.none(), true, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a migrationUrl");
        assertThatThrownBy(() -> JdbcSettings.h2InMemory().behindTransactionPooler("jdbc:h2:mem:direct"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need PostgreSQL");
        assertThatThrownBy(() -> new JdbcSettings("jdbc:postgresql://pgbouncer/aegis", "u", "p", 4)
                .behindTransactionPooler("jdbc:h2:mem:direct"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another kind of database");
    }

    @Test
    void toStringNamesTheReplicasWithoutTheirParameters() {
        JdbcSettings settings = new JdbcSettings("jdbc:postgresql://db/aegis", "aegis", "hunter2", 4)
                .withReplicas(ReplicaSettings.of(List.of("jdbc:postgresql://replica:5432/aegis?password=hunter2")));

        assertThat(settings.toString()).contains("jdbc:postgresql://replica:5432/aegis").doesNotContain("hunter2");
    }
}
