package dev.aegis.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Where Kafka is and how Aegis's topics are made. Producers are idempotent with {@code acks=all}; consumers commit
 * offsets themselves, after the work a record asked for is done.
 *
 * @param bootstrapServers {@code host:port[,host:port…]}
 * @param topicPrefix put before every topic and group name Aegis uses, so several deployments can share a cluster
 * @param partitions partitions of each topic Aegis creates; at least the number of nodes, so every node gets some
 * @param replicationFactor replicas of each topic Aegis creates (3 in production, 1 on a single broker)
 * @param timeout how long a send or an admin call may take before it fails
 */
public record KafkaSettings(String bootstrapServers, String topicPrefix, int partitions, short replicationFactor,
        Duration timeout) {

    private static final int LINGER_MS = 2;

    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(timeout, "timeout");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers are empty");
        }
        if (partitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("partitions and replication factor must be at least 1, were "
                    + partitions + " and " + replicationFactor);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the Kafka timeout must be positive, was " + timeout);
        }
    }

    /** The full name of one of Aegis's topics or groups. */
    public String name(String suffix) {
        return topicPrefix + suffix;
    }

    /** An idempotent producer's settings, {@code acks=all}, keys as strings and values as bytes. */
    public Map<String, Object> producerProperties(String clientId) {
        Map<String, Object> properties = common(clientId);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        int millis = (int) Math.max(timeout.toMillis(), 1_000);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis + LINGER_MS);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return properties;
    }

    /**
     * A consumer's settings in {@code group} (the consumer group protocol of KIP-848), committing offsets itself,
     * reading only committed records, from the earliest when the group has no offset yet.
     */
    public Map<String, Object> consumerProperties(String clientId, String group) {
        Map<String, Object> properties = common(clientId);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return properties;
    }

    /** An admin client. */
    public Admin admin() {
        return Admin.create(common("aegis-admin"));
    }

    /** Creates the topics that do not exist yet, with {@link #partitions} and {@link #replicationFactor}. */
    public void createTopics(Admin admin, List<String> topics) {
        List<NewTopic> wanted = topics.stream().map(topic -> new NewTopic(topic, partitions, replicationFactor))
                .toList();
        admin.createTopics(wanted).values().forEach((topic, created) -> {
            try {
                created.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new KafkaUnavailableException("could not create topic " + topic + " on "
                            + bootstrapServers, e.getCause());
                }
            } catch (TimeoutException e) {
                throw new KafkaUnavailableException("Kafka at " + bootstrapServers + " did not create topic "
                        + topic + " within " + timeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaUnavailableException("interrupted while creating topic " + topic, e);
            }
        });
    }

    private Map<String, Object> common(String clientId) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 1_000));
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 1_000));
        return properties;
    }
}
