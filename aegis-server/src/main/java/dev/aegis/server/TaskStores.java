package dev.aegis.server;

import dev.aegis.api.task.TaskStore;
import dev.aegis.core.config.ConfigException;
import dev.aegis.core.task.TasksConfig;
import dev.aegis.core.task.store.InMemoryTaskStore;
import dev.aegis.jdbc.task.JdbcTaskStore;
import java.nio.file.Path;
import java.util.Locale;

/** Builds the task store that {@code tasks.store} names. */
final class TaskStores {

    static final String EMBEDDED = "embedded";
    static final String MEMORY = "memory";

    private TaskStores() {}

    static TaskStore create(TasksConfig config, Path dataDir) {
        return switch (config.store().strip().toLowerCase(Locale.ROOT)) {
            case EMBEDDED -> JdbcTaskStore.h2(dataDir);
            case MEMORY -> new InMemoryTaskStore();
            default -> throw new ConfigException("tasks.store '" + config.store()
                    + "' is not a known task store; known types: " + EMBEDDED + ", " + MEMORY);
        };
    }
}
