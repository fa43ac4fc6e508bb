package dev.aegis.kafka.task;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/** The queue's dead-letter topic: records it gave up on, with the reason in the {@value #REASON_HEADER} header. */
final class DeadLetters {

    private static final String REASON_HEADER = "aegis-dead-reason";

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Duration timeout;

    DeadLetters(Producer<String, byte[]> producer, String topic, Duration timeout) {
        this.producer = producer;
        this.topic = topic;
        this.timeout = timeout;
    }

    String topic() {
        return topic;
    }

    /** Sends the record and waits for Kafka to hold it; the failure, when it could not. */
    Optional<String> send(String key, byte[] value, String reason) {
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(topic, key, value);
        dead.headers().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(dead).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (KafkaException | ExecutionException | TimeoutException e) {
            return Optional.of(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }
}
