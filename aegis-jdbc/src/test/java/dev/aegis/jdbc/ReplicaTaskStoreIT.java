package dev.aegis.jdbc;

import dev.aegis.jdbc.task.JdbcTaskStore;
import dev.aegis.testkit.task.TaskStoreContract;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store passes the task store contract on the local PostgreSQL with a streaming replica ({@link LocalReplica})
 * serving its reads that may lag. The contract's listing tests list right after writing, which the replica may not
 * have replayed yet: they pass here because each test's store is new, and its replica pool's first connection takes
 * longer than the replay. A warm pool reads stale lists often (create, update, list at once: 122 of 300 stale on a
 * loaded machine).
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
