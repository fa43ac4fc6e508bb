package dev.aegis.jdbc.task;

import dev.aegis.api.task.TaskStore;
import dev.aegis.testkit.task.TaskStoreContract;

/** The embedded store passes the task store contract, each test on its own in-memory H2 database. */
class H2TaskStoreTest extends TaskStoreContract {

    @Override
    protected TaskStore createStore() {
        return JdbcTaskStore.h2InMemory();
    }
}
