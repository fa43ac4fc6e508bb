package dev.aegis.core.task.store;

import dev.aegis.api.task.TaskStore;
import dev.aegis.testkit.task.TaskStoreContract;

class InMemoryTaskStoreTest extends TaskStoreContract {

    @Override
    protected TaskStore createStore() {
        return new InMemoryTaskStore();
    }
}
