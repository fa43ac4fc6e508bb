package dev.aegis.kafka.stream;

import dev.aegis.core.router.Evaluation;
import dev.aegis.kafka.KafkaUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What the stream writes: decisions keyed by subject with an {@code aegis-event-id} header, and dead letters with
 * the record's own key, value and headers plus {@code aegis-dead-reason}, {@code aegis-dead-detail} and
 * {@code aegis-source} ({@code topic-partition@offset}). Sends are asynchronous; {@link Sent#ack()} tells when
 * Kafka has the record on every in-sync replica ({@code acks=all}).
 */
final class StreamOutputs {

    static final String EVENT_ID = "aegis-event-id";
    static final String DEAD_REASON = "aegis-dead-reason";
    static final String DEAD_DETAIL = "aegis-dead-detail";
    static final String SOURCE = "aegis-source";

    private final Producer<String, byte[]> producer;
    private final String decisions;
    private final String deadLetters;

    StreamOutputs(Producer<String, byte[]> producer, String decisions, String deadLetters) {
        this.producer = producer;
        this.decisions = decisions;
        this.deadLetters = deadLetters;
    }

    /** A record handed to the producer: the input offset it answers, its acknowledgement, and what it counts as. */
    record Sent(long offset, Future<RecordMetadata> ack, Outcome outcome) {}

    Sent decision(long offset, Decoded.StreamEvent event, Evaluation evaluation) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(decisions, event.subject(),
                DecisionEncoder.encode(event.id(), evaluation));
        record.headers().add(EVENT_ID, utf8(event.id()));
        return new Sent(offset, send(record), Outcome.EVALUATED);
    }

    Sent deadLetter(ConsumerRecord<String, byte[]> source, Decoded.Rejection rejection) {
        Headers headers = new RecordHeaders(source.headers().toArray());
        headers.remove(DEAD_REASON).remove(DEAD_DETAIL).remove(SOURCE);
        headers.add(DEAD_REASON, utf8(rejection.reason().header()));
        headers.add(DEAD_DETAIL, utf8(rejection.detail()));
        headers.add(SOURCE, utf8(source.topic() + "-" + source.partition() + "@" + source.offset()));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(deadLetters, null, source.key(), source.value(),
                headers);
        return new Sent(source.offset(), send(record), Outcome.DEAD_LETTERED);
    }

    private Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record);
        } catch (KafkaException e) {
            throw new KafkaUnavailableException("could not send to " + record.topic() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
