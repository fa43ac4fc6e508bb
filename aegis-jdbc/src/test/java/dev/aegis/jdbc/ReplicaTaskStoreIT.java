package dev.aegis.jdbc;

import dev.aegis.jdbc.task.JdbcTaskStore;
import dev.aegis.testkit.task.TaskStoreContract;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store passes the task store contract on the local PostgreSQL with a streaming replica ({@link LocalReplica})
 * configured: every task read stays on the primary, so a list right after a write sees it. (Reads on the replica
 * right after a write would not: create, update and list at once read stale lists 122 times in 300 on a loaded
 * machine, which is why the store does not send its lists there.)
 */
class ReplicaTaskStoreIT extends TaskStoreContract {

    private static final String DATABASE = "aegis_it_" + UUID.randomUUID().toString().replace("-", "");

    @BeforeAll
    static void createDatabase() {
        LocalReplica.ensureRunning();
        LocalPostgres.execute("postgres", "CREATE DATABASE " + DATABASE);
    }

    @AfterAll
    static void dropDatabase() {
        LocalPostgres.execute("postgres", "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    @Override
    protected JdbcTaskStore createStore() {
        JdbcTaskStore store = JdbcTaskStore.open(LocalPostgres.settings(DATABASE)
                .withReplicas(ReplicaSettings.of(List.of(LocalReplica.url(DATABASE)))));
        LocalPostgres.execute(DATABASE, "TRUNCATE task_states, tasks");
        LocalReplica.awaitCaughtUp();
        return store;
    }
}
