package dev.aegis.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a drill's events to the stream's input topic {@code <prefix>events} with a plain producer, as any upstream
 * system would (docs/streaming.md): {@code {"id", "pipeline": "login-risk", "subject", "event"}} keyed by the
 * subject, event ids {@code <run>-e<n>}. The events are paced by the caller, so that they keep arriving while a node
 * is killed. Only kafka-clients: the drill of {@code scripts/cluster-local.sh} runs it on the runnable jar.
 */
final class EventDrill {

    private static final int SUBJECTS = 5_000;
    private static final long PACE_MS = 2;

    private final String bootstrap;
    private final String topic;
    private final String run;

    /**
     * @param bootstrap Kafka's {@code host:port}
     * @param topicPrefix the nodes' {@code cluster.kafka.topic_prefix}
     * @param run put before each event id
     */
    EventDrill(String bootstrap, String topicPrefix, String run) {
        this.bootstrap = bootstrap;
        this.topic = topicPrefix + "events";
        this.run = run;
    }

    /** What was produced: the ids Kafka acknowledged, and the sends it refused (none, on a healthy broker). */
    record Result(List<String> ids, Map<String, Integer> failures, Duration took) {}

    static String eventId(String run, int n) {
        return run + "-e" + n;
    }

    /**
     * Produces events 0 to {@code count - 1}, never more at a time than {@code due} says are due; returns when all
     * were acknowledged.
     */
    Result produce(int count, IntSupplier due) throws InterruptedException {
        long start = System.nanoTime();
        List<Future<RecordMetadata>> sends = new ArrayList<>(count);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties())) {
            int n = 0;
            while (n < count) {
                int until = Math.min(count, due.getAsInt());
                for (; n < until; n++) {
                    sends.add(producer.send(record(n)));
                }
                if (n < count) {
                    Thread.sleep(PACE_MS);
                }
            }
            producer.flush();
        }
        List<String> ids = new ArrayList<>(count);
        Map<String, Integer> failures = new HashMap<>();
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get();
                ids.add(eventId(run, i));
            } catch (ExecutionException e) {
                failures.merge(e.getCause().getClass().getSimpleName(), 1, Integer::sum);
            }
        }
        return new Result(ids, failures, Duration.ofNanos(System.nanoTime() - start));
    }

    private ProducerRecord<String, byte[]> record(int n) {
        String subject = "drill-user-" + (n % SUBJECTS);
        String value = """
                {"id": "%s", "pipeline": "login-risk", "subject": "%s", "event": {"ip": "203.0.113.%d", \
                "device_id": "d-%d", "lat": 48.85, "lon": 2.35, "region": "eu"}}""".formatted(eventId(run, n),
                subject, n % 250, n % 7);
        return new ProducerRecord<>(topic, subject, value.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "aegis-drill");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // One request in flight, as the stream's own producer: a retried send cannot be overtaken (KAFKA-15591).
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return properties;
    }
}
