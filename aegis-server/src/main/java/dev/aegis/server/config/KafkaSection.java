package dev.aegis.server.config;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code cluster.kafka}: where Kafka is and how Aegis's topics are made, the task queue on it ({@code tasks}) and
 * the streaming evaluation ({@code stream}). Empty {@code bootstrap_servers} (the default) leaves Kafka out: the
 * task queue stays on PostgreSQL and no stream runs.
 *
 * @param bootstrapServers {@code host:port[,host:port…]}, or empty
 * @param topicPrefix put before every topic and consumer group name, so several deployments can share a cluster
 * @param partitions partitions of each topic Aegis creates: at least the number of nodes
 * @param replicationFactor replicas of each topic Aegis creates: 3 in production, 1 on a single broker
 * @param timeout how long a send or an admin call may take before it fails
 */
public record KafkaSection(String bootstrapServers, String topicPrefix, int partitions, int replicationFactor,
        Duration timeout, KafkaTasksSection tasks, StreamSection stream) {

    private static final Pattern SERVER = Pattern.compile("[^\\s,]+:\\d{1,5}");
    private static final Pattern TOPIC_CHARACTERS = Pattern.compile("[A-Za-z0-9._-]*");

    public KafkaSection {
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(stream, "stream");
        bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrap_servers").strip();
        requireServers(bootstrapServers);
        if (!TOPIC_CHARACTERS.matcher(Objects.requireNonNull(topicPrefix, "topic_prefix")).matches()) {
            throw new IllegalArgumentException("topic_prefix may hold only letters, digits, '.', '_' and '-', was '"
                    + topicPrefix + "'");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("replication_factor must be 1 to " + Short.MAX_VALUE + ", was "
                    + replicationFactor);
        }
        AuditSection.requirePositive("timeout", timeout);
        if (stream.enabled() && bootstrapServers.isEmpty()) {
            throw new IllegalArgumentException("stream.enabled needs bootstrap_servers: the stream reads its events "
                    + "from Kafka");
        }
    }

    /** Whether Kafka is configured at all. */
    public boolean enabled() {
        return !bootstrapServers.isEmpty();
    }

    private static void requireServers(String servers) {
        if (servers.isEmpty()) {
            return;
        }
        for (String server : servers.split(",", -1)) {
            if (!SERVER.matcher(server.strip()).matches()) {
                throw new IllegalArgumentException("bootstrap_servers must be host:port[,host:port...], was '"
                        + servers + "'");
            }
        }
    }
}
