package dev.aegis.server;

import dev.aegis.api.AegisException;
import dev.aegis.api.task.TaskQueue;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.AegisEngine;
import dev.aegis.core.router.DecisionListener;
import dev.aegis.core.task.TasksConfig;
import dev.aegis.kafka.KafkaSettings;
import dev.aegis.kafka.KafkaUnavailableException;
import dev.aegis.kafka.stream.EventEvaluator;
import dev.aegis.kafka.stream.StreamEvaluator;
import dev.aegis.kafka.stream.StreamSettings;
import dev.aegis.kafka.task.KafkaQueueSettings;
import dev.aegis.kafka.task.KafkaTaskQueue;
import dev.aegis.server.config.AegisConfig;
import dev.aegis.server.config.ClusterSection;
import dev.aegis.server.config.KafkaSection;
import dev.aegis.server.config.KafkaTasksSection;
import dev.aegis.server.config.StreamSection;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;

/**
 * What the nodes of a cluster share in Kafka, when {@code cluster.kafka.bootstrap_servers} is set: the task queue
 * ({@code cluster.kafka.tasks}) and the stream of events to evaluate ({@code cluster.kafka.stream}). A node that
 * cannot reach Kafka at start stops with a message naming it.
 */
final class Kafka {

    private Kafka() {}

    /** Kafka's settings when the node uses it: cluster mode on and bootstrap servers set. */
    static Optional<KafkaSettings> settings(ClusterSection cluster) {
        KafkaSection kafka = cluster.kafka();
        if (!cluster.enabled() || !kafka.enabled()) {
            return Optional.empty();
        }
        return Optional.of(new KafkaSettings(kafka.bootstrapServers(), kafka.topicPrefix(), kafka.partitions(),
                (short) kafka.replicationFactor(), kafka.timeout()));
    }

    /** The task queue on Kafka, when the node uses Kafka and {@code cluster.kafka.tasks.enabled}. */
    static Optional<TaskQueue> taskQueue(TasksConfig tasks, ClusterSection cluster, TimeSource time) {
        KafkaTasksSection queue = cluster.kafka().tasks();
        if (!queue.enabled()) {
            return Optional.empty();
        }
        return settings(cluster).map(kafka -> reachable(kafka, () -> KafkaTaskQueue.open(kafka, time,
                new KafkaQueueSettings(queue.buffer(), queue.commitInterval(), queue.maxDeliveries(),
                        tasks.lowerPriorityShare()))));
    }

    /**
     * The node's member of the stream's group when {@code cluster.kafka.stream.enabled}: it evaluates with the
     * engine's agents and hands every decision to {@code decisions}, as the HTTP API does. Otherwise nothing runs.
     */
    static AutoCloseable stream(AegisConfig config, AegisEngine engine, DecisionListener decisions,
            MeterRegistry meters, TimeSource time) {
        StreamSection stream = config.cluster().kafka().stream();
        Optional<KafkaSettings> kafka = settings(config.cluster());
        if (!stream.enabled() || kafka.isEmpty()) {
            return () -> { };
        }
        EventEvaluator evaluator = EventEvaluator.recorded(config.engine().pipelines(), engine.agents(), decisions,
                meters, time);
        StreamSettings settings = new StreamSettings(stream.tenant(), stream.batch(), stream.retryInitial(),
                stream.retryMax());
        return reachable(kafka.get(), () -> StreamEvaluator.start(kafka.get(), settings, evaluator, meters, time));
    }

    private static <T> T reachable(KafkaSettings kafka, Supplier<T> open) {
        try {
            return open.get();
        } catch (KafkaUnavailableException | KafkaException e) {
            throw new AegisException("cannot reach Kafka at " + kafka.bootstrapServers()
                    + " (cluster.kafka.bootstrap_servers): " + e.getMessage(), e);
        }
    }
}
