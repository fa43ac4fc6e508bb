package dev.aegis.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.jdbc.task.JdbcTaskStore;
import dev.aegis.testkit.task.TaskFixtures;
import dev.aegis.testkit.task.TaskStoreContract;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store passes the task store contract through pgbouncer in transaction mode ({@link LocalPgBouncer}), its
 * schema migrated straight on the local PostgreSQL: the settings keep no session state on a server connection that
 * the next transaction may not get.
 */
class PgBouncerIT extends TaskStoreContract {

    private static final String DATABASE = "aegis_it_" + UUID.randomUUID().toString().replace("-", "");
    private static final int CLIENTS = 8;
    private static final int FINDS = 50;

    private static LocalPgBouncer bouncer;

    @BeforeAll
    static void start() {
        LocalPostgres.execute("postgres", "CREATE DATABASE " + DATABASE);
        bouncer = LocalPgBouncer.start();
    }

    @AfterAll
    static void stop() {
        bouncer.close();
        LocalPostgres.execute("postgres", "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    @Override
    protected JdbcTaskStore createStore() {
        JdbcTaskStore store = JdbcTaskStore.open(settings());
        LocalPostgres.execute(DATABASE, "TRUNCATE task_states, tasks");
        return store;
    }

    /**
     * The driver would prepare a statement on the server after its fifth use on a connection, and the next
     * transaction on another server connection would not find it.
     */
    @Test
    void clientsRepeatingOneStatementShareTheServerConnections() throws Exception {
        Task task = new TaskFixtures().queued("t1", Priority.NORMAL);
        try (JdbcTaskStore store = JdbcTaskStore.open(settings());
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            store.create(List.of(task));
            List<Future<Integer>> found = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                found.add(clients.submit(() -> findRepeatedly(store, task)));
            }
            for (Future<Integer> client : found) {
                assertThat(client.get()).isEqualTo(FINDS);
            }
        }
    }

    private static JdbcSettings settings() {
        return new JdbcSettings(bouncer.url(DATABASE), LocalPostgres.USER, "", CLIENTS)
                .behindTransactionPooler(LocalPostgres.SERVER + DATABASE);
    }

    private static int findRepeatedly(JdbcTaskStore store, Task task) {
        int found = 0;
        for (int i = 0; i < FINDS; i++) {
            found += store.find("t1", task.id()).isPresent() ? 1 : 0;
        }
        return found;
    }
}
