package dev.aegis.jdbc.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.task.Task;
import dev.aegis.jdbc.LocalPostgres;
import dev.aegis.testkit.task.TaskFixtures;
import dev.aegis.testkit.task.TaskStoreContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store passes the task store contract on a real PostgreSQL at 127.0.0.1:5432 (user postgres, no password),
 * in a database of its own that the migrations build and that is dropped afterwards. Without a server every test
 * fails: CI starts one, and so must a developer.
 */
class PostgresTaskStoreIT extends TaskStoreContract {

    private static final String DATABASE = "aegis_it_" + UUID.randomUUID().toString().replace("-", "");

    @BeforeAll
    static void createDatabase() {
        LocalPostgres.execute("postgres", "CREATE DATABASE " + DATABASE);
    }

    @AfterAll
    static void dropDatabase() {
        LocalPostgres.execute("postgres", "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    @Override
    protected JdbcTaskStore createStore() {
        JdbcTaskStore store = JdbcTaskStore.open(LocalPostgres.settings(DATABASE));
        LocalPostgres.execute(DATABASE, "TRUNCATE task_states, tasks");
        return store;
    }

    @Test
    void aKeyThatAConcurrentWriterStoresFirstAnswersThatWritersTask() throws Exception {
        TaskFixtures tasks = new TaskFixtures();
        Task theirs = tasks.withKey("t1", "order-9");
        Task mine = tasks.withKey("t1", "order-9");
        try (JdbcTaskStore store = createStore();
                Connection other = LocalPostgres.connect(DATABASE)) {
            other.setAutoCommit(false);
            RivalWriter.insert(other, theirs);
            FutureTask<List<Task>> created = new FutureTask<>(() -> store.create(List.of(mine)));
            Thread.ofPlatform().start(created);
            awaitInsertWaitingForALock();
            other.commit();

            assertThat(created.get(10, TimeUnit.SECONDS)).containsExactly(theirs);
            assertThat(store.find("t1", mine.id())).isEmpty();
        }
    }


    /**
     * Until the store inserts, having looked for the key and not seen it: the insert waits for the key's lock. On a
     * connection of its own, as a transaction sees one snapshot of pg_stat_activity.
     */
    private static void awaitInsertWaitingForALock() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Connection observer = LocalPostgres.connect(DATABASE);
                PreparedStatement waiting = observer.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity "
                        + "WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO tasks%'")) {
            while (!counted(waiting)) {
                assertThat(System.nanoTime()).as("the store's insert waits for the lock").isLessThan(deadline);
                Thread.sleep(1);
            }
        }
    }

    private static boolean counted(PreparedStatement count) throws SQLException {
        try (ResultSet rows = count.executeQuery()) {
            return rows.next() && rows.getInt(1) > 0;
        }
    }

}
