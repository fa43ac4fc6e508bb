package dev.aegis.server.config;

import java.time.Duration;

/**
 * {@code cluster.kafka.tasks}: whether the task queue is on Kafka once {@code bootstrap_servers} is set (else it
 * stays on PostgreSQL), and how a node's share of it behaves; the share of takes that serve a waiting lower priority
 * is {@code tasks.lower_priority_share}, as on every queue.
 *
 * @param buffer ready tasks a node holds in memory per priority before it pauses that priority's partitions
 * @param commitInterval how often consumed offsets are committed
 * @param maxDeliveries a task whose lease expired this many times goes to the dead-letter topic
 */
public record KafkaTasksSection(boolean enabled, int buffer, Duration commitInterval, int maxDeliveries) {

    public KafkaTasksSection {
        if (buffer < 1) {
            throw new IllegalArgumentException("buffer must be at least 1, was " + buffer);
        }
        AuditSection.requirePositive("commit_interval", commitInterval);
        if (maxDeliveries < 1) {
            throw new IllegalArgumentException("max_deliveries must be at least 1, was " + maxDeliveries);
        }
    }
}
