package dev.aegis.jdbc.index;

import static dev.aegis.testkit.index.DecisionFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.index.DecisionSummary;
import dev.aegis.api.index.MetadataIndex;
import dev.aegis.api.index.SubjectQuery;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.jdbc.LocalPostgres;
import dev.aegis.jdbc.task.JdbcTaskStore;
import dev.aegis.testkit.index.DecisionFixtures;
import dev.aegis.testkit.index.MetadataIndexContract;
import dev.aegis.testkit.task.TaskFixtures;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The index passes the metadata index contract on a real PostgreSQL at 127.0.0.1:5432 (user postgres, no
 * password), in a database of its own that is emptied before each test and dropped afterwards; and it shares a
 * database with the task store, whichever is migrated first. Without a server every test fails: CI starts one,
 * and so must a developer.
 */
class PostgresMetadataIndexIT extends MetadataIndexContract {

    private static final String DATABASE = "aegis_it_" + UUID.randomUUID().toString().replace("-", "");
    private static final String SHARED = DATABASE + "_shared";

    @BeforeAll
    static void createDatabases() {
        LocalPostgres.execute("postgres", "CREATE DATABASE " + DATABASE);
        LocalPostgres.execute("postgres", "CREATE DATABASE " + SHARED);
    }

    @AfterAll
    static void dropDatabases() {
        LocalPostgres.execute("postgres", "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        LocalPostgres.execute("postgres", "DROP DATABASE IF EXISTS " + SHARED + " WITH (FORCE)");
    }

    @Override
    protected MetadataIndex index(Duration ttl) {
        LocalPostgres.execute(DATABASE, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        return JdbcMetadataIndex.open(LocalPostgres.settings(DATABASE), ttl);
    }

    @Test
    void theIndexSharesADatabaseThatTheTaskStoreMigratedFirst() throws SQLException {
        LocalPostgres.execute(SHARED, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        try (JdbcTaskStore store = JdbcTaskStore.open(LocalPostgres.settings(SHARED));
                JdbcMetadataIndex index = JdbcMetadataIndex.open(LocalPostgres.settings(SHARED), TTL)) {
            assertBothWork(store, index);
        }
        assertThat(tables(SHARED)).contains("flyway_schema_history", "flyway_index_history", "tasks",
                "task_states", "decision_days", "decisions_20260301");
    }

    @Test
    void theTaskStoreSharesADatabaseThatTheIndexMigratedFirst() throws SQLException {
        LocalPostgres.execute(SHARED, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        try (JdbcMetadataIndex index = JdbcMetadataIndex.open(LocalPostgres.settings(SHARED), TTL);
                JdbcTaskStore store = JdbcTaskStore.open(LocalPostgres.settings(SHARED))) {
            assertBothWork(store, index);
        }
        try (JdbcMetadataIndex index = JdbcMetadataIndex.open(LocalPostgres.settings(SHARED), TTL);
                JdbcTaskStore store = JdbcTaskStore.open(LocalPostgres.settings(SHARED))) {
            assertThat(index.forSubject(new SubjectQuery("t1", "alice", Optional.empty(), 10))).hasSize(1);
            assertThat(index.expire(at(30, 0))).isEqualTo(1);
            assertThat(store.unfinished(Optional.empty(), 10)).hasSize(1);
        }
    }

    private static void assertBothWork(JdbcTaskStore store, JdbcMetadataIndex index) {
        Task task = new TaskFixtures().queued("t1", Priority.NORMAL);
        DecisionSummary decision = new DecisionFixtures().of("t1", "alice", at(0, 10));
        store.create(List.of(task));
        index.record(List.of(decision));

        assertThat(store.find("t1", task.id())).contains(task);
        assertThat(index.forSubject(new SubjectQuery("t1", "alice", Optional.empty(), 10)))
                .containsExactly(decision);
    }

    private static List<String> tables(String database) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = LocalPostgres.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables "
                        + "WHERE table_schema = 'public'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

}
