package dev.aegis.jdbc.task;

import dev.aegis.api.task.TaskQueue;
import dev.aegis.jdbc.LocalPostgres;
import dev.aegis.testkit.ManualClock;
import dev.aegis.testkit.task.TaskQueueContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared queue passes the task queue contract on the local PostgreSQL, in a database of its own. */
class PostgresTaskQueueIT extends TaskQueueContract {

    private static final String DATABASE = "aegis_queue_it_" + UUID.randomUUID().toString().replace("-", "");

    @BeforeAll
    static void createDatabase() {
        LocalPostgres.execute("postgres", "CREATE DATABASE " + DATABASE);
    }

    @AfterAll
    static void dropDatabase() {
        LocalPostgres.execute("postgres", "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    @Override
    protected TaskQueue createQueue(ManualClock clock) {
        JdbcTaskQueue queue = JdbcTaskQueue.open(LocalPostgres.settings(DATABASE), clock,
                JdbcQueueSettings.defaults(0));
        LocalPostgres.execute(DATABASE, "TRUNCATE task_queue");
        return queue;
    }
}
