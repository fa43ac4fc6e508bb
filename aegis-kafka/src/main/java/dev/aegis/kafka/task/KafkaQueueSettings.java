package dev.aegis.kafka.task;

import java.time.Duration;
import java.util.Objects;

/**
 * How a node's share of the Kafka task queue behaves.
 *
 * @param buffer ready tasks a node holds in memory per priority before it pauses that priority's partitions;
 *     small keeps priorities honest across nodes and redeliveries few when a node dies, large keeps workers fed
 * @param commitInterval how often consumed offsets are committed; a task acknowledged less than one interval ago
 *     is not committed yet, so a retry that its worker queues right after cannot be lost with the node
 * @param maxDeliveries a task whose lease expired this many times on a node goes to the dead-letter topic
 * @param lowerPriorityShare the share of takes that serve a waiting lower priority (0 is strict priority)
 */
public record KafkaQueueSettings(int buffer, Duration commitInterval, int maxDeliveries, double lowerPriorityShare) {

    public KafkaQueueSettings {
        Objects.requireNonNull(commitInterval, "commitInterval");
        if (buffer < 1 || maxDeliveries < 1) {
            throw new IllegalArgumentException("buffer and max deliveries must be at least 1, were " + buffer
                    + " and " + maxDeliveries);
        }
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("the commit interval must be positive, was " + commitInterval);
        }
    }

    /** 500 tasks per priority, commits every second, 10 deliveries, and the given share. */
    public static KafkaQueueSettings defaults(double lowerPriorityShare) {
        return new KafkaQueueSettings(500, Duration.ofSeconds(1), 10, lowerPriorityShare);
    }
}
