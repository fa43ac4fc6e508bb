package dev.aegis.server;

import dev.aegis.api.task.TaskQueue;
import dev.aegis.api.task.TaskStore;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.config.ConfigException;
import dev.aegis.core.task.TasksConfig;
import dev.aegis.core.task.queue.InMemoryTaskQueue;
import dev.aegis.core.task.store.InMemoryTaskStore;
import dev.aegis.jdbc.task.JdbcQueueSettings;
import dev.aegis.jdbc.task.JdbcTaskQueue;
import dev.aegis.jdbc.task.JdbcTaskStore;
import dev.aegis.server.config.ClusterSection;
import dev.aegis.server.config.PostgresSection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Builds the task store and queue: in cluster mode both in PostgreSQL, shared by the nodes (the queue on Kafka
 * when {@code cluster.kafka} says so); otherwise the store that {@code tasks.store} names and the in-JVM queue.
 */
final class TaskStores {

    static final String EMBEDDED = "embedded";
    static final String MEMORY = "memory";
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);
    private static final int QUEUE_BATCH = 4_096;

    private TaskStores() {}

    static TaskStore create(TasksConfig config, ClusterSection cluster, Path dataDir) {
        if (cluster.enabled()) {
            return JdbcTaskStore.open(Postgres.primary(cluster.postgres()));
        }
        return switch (config.store().strip().toLowerCase(Locale.ROOT)) {
            case EMBEDDED -> JdbcTaskStore.h2(dataDir);
            case MEMORY -> new InMemoryTaskStore();
            default -> throw new ConfigException("tasks.store '" + config.store()
                    + "' is not a known task store; known types: " + EMBEDDED + ", " + MEMORY);
        };
    }

    static TaskQueue queue(TasksConfig config, ClusterSection cluster, TimeSource time) {
        if (!cluster.enabled()) {
            return new InMemoryTaskQueue(time, config.lowerPriorityShare());
        }
        PostgresSection postgres = cluster.postgres();
        return Kafka.taskQueue(config, cluster, time).orElseGet(() -> JdbcTaskQueue.open(Postgres.queue(postgres),
                time, new JdbcQueueSettings(postgres.queuePoll(), config.lowerPriorityShare(), SWEEP_INTERVAL,
                        postgres.orphanAge(), QUEUE_BATCH)));
    }
}
