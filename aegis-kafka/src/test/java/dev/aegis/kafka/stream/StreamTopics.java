package dev.aegis.kafka.stream;

import dev.aegis.kafka.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The stream's topics as a test sees them from outside: events written in, decisions and dead letters read out. */
final class StreamTopics implements AutoCloseable {

    private final KafkaSettings kafka;
    private final KafkaProducer<String, byte[]> producer;

    /** Creates the stream's topics, so that events can wait in them before any stream starts. */
    StreamTopics(KafkaSettings kafka) {
        this.kafka = kafka;
        try (Admin admin = kafka.admin()) {
            kafka.createTopics(admin, List.of(kafka.name(StreamEvaluator.EVENTS), kafka.name(StreamEvaluator.DECISIONS),
                    kafka.name(StreamEvaluator.DEAD_LETTERS)));
        }
        this.producer = new KafkaProducer<>(producerProperties(kafka));
    }

    /** One request in flight, so that a first send to a partition still being created cannot be lost (KAFKA-15591). */
    static Map<String, Object> producerProperties(KafkaSettings kafka) {
        Map<String, Object> properties = kafka.producerProperties("it-events");
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return properties;
    }

    static String event(String id, String pipeline, String subject) {
        return """
                {"id": "%s", "pipeline": "%s", "subject": "%s", "event": {"n": 1}}""".formatted(id, pipeline, subject);
    }

    /** Writes events in order, keyed by subject, and waits until Kafka has them all. */
    void send(List<String[]> keysAndValues) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (String[] keyAndValue : keysAndValues) {
            sent.add(producer.send(new ProducerRecord<>(kafka.name(StreamEvaluator.EVENTS), keyAndValue[0],
                    keyAndValue[1].getBytes(StandardCharsets.UTF_8))));
        }
        for (Future<RecordMetadata> one : sent) {
            try {
                one.get();
            } catch (ExecutionException | InterruptedException e) {
                throw new IllegalStateException("Kafka did not take an event", e);
            }
        }
    }

    /** Every record of {@code topic} from the start, read until {@code enough} holds or {@code patience} passed. */
    List<ConsumerRecord<String, byte[]>> read(String topic, Predicate<List<ConsumerRecord<String, byte[]>>> enough,
            Duration patience) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(readerProperties())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int partition = 0; partition < kafka.partitions(); partition++) {
                partitions.add(new TopicPartition(kafka.name(topic), partition));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long end = System.nanoTime() + patience.toNanos();
            while (!enough.test(records) && System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    private Map<String, Object> readerProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return properties;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
