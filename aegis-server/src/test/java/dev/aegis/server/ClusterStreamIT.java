package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.api.AegisException;
import dev.aegis.kafka.KafkaSettings;
import dev.aegis.kafka.LocalKafka;
import dev.aegis.server.config.ConfigLoader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@code aegis serve} node in cluster mode (its own PostgreSQL database, the local Redis and Kafka) streaming:
 * 2,000 login events of 10 subjects go into the events topic; each gets exactly one decision on the decisions topic,
 * in its subject's order; every decision is in the node's audit log and answered by the decision API; the lag at
 * {@code /metrics} falls to 0.
 */
class ClusterStreamIT {

    private static final String KEY = "stream-test-key";
    private static final int EVENTS = 2_000;
    private static final int SUBJECTS = 10;
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path folder;

    private final KafkaSettings kafka = LocalKafka.settings(3);
    private TestDatabase database;
    private ServeProcess node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (database != null) {
            database.drop();
        }
    }

    @Test
    void everyEventIsDecidedOnceInItsSubjectsOrderAndRecordedAsTheApiRecordsDecisions() throws Exception {
        database = TestDatabase.create("aegis_stream_it");
        node = startNode();
        List<String[]> events = events();

        send(events);
        List<ConsumerRecord<String, byte[]>> decisions = readDecisions();

        Map<String, List<JsonNode>> bySubject = decisions.stream().map(record -> read(record.value()))
                .collect(Collectors.groupingBy(json -> json.get("subject").asText(), LinkedHashMap::new,
                        Collectors.toList()));
        assertThat(decisions).hasSize(EVENTS);
        assertThat(eventIdsBySubject(bySubject)).isEqualTo(expectedOrder(events));
        for (Map.Entry<String, List<JsonNode>> subject : bySubject.entrySet()) {
            assertThat(indexedIds(subject.getKey())).containsExactlyInAnyOrderElementsOf(
                    subject.getValue().stream().map(json -> json.get("id").asText()).toList());
        }
        JsonNode audit = ServeProcess.read(node.get("/v1/audit/verify").body());
        assertThat(audit.get("ok").asBoolean()).isTrue();
        assertThat(audit.get("records").asInt()).isGreaterThanOrEqualTo(EVENTS);
        await().atMost(PATIENCE).until(() -> metric("aegis_stream_lag") == 0);
        assertThat(metric("aegis_stream_events_total{outcome=\"evaluated\"")).isEqualTo(EVENTS);
    }

    @Test
    void aNodeThatCannotReachKafkaStopsNamingIt() throws Exception {
        database = TestDatabase.create("aegis_stream_it");
        int closedPort = ServeProcess.freePort();
        Path config = Files.writeString(folder.resolve("unreachable.yaml"), """
                server:
                  port: 0
                  data_dir: %s
                  warmup: 0s
                cluster:
                  enabled: true
                  postgres:
                    url: %s
                  kafka:
                    bootstrap_servers: 127.0.0.1:%d
                    timeout: 1s
                    tasks:
                      enabled: false
                    stream:
                      enabled: true
                """.formatted(folder.resolve("unreachable"), database.url(), closedPort));

        assertThatThrownBy(() -> AegisServer.start(ConfigLoader.load(Optional.of(config), Map.of())))
                .isInstanceOf(AegisException.class)
                .hasMessageStartingWith("cannot reach Kafka at 127.0.0.1:" + closedPort
                        + " (cluster.kafka.bootstrap_servers)");
    }

    private ServeProcess startNode() throws Exception {
        int port = ServeProcess.freePort();
        Path config = folder.resolve("node.yaml");
        Files.writeString(config, """
                server:
                  host: 127.0.0.1
                  port: %d
                  data_dir: %s
                  warmup: 0s
                  shutdown_grace: 1s
                tasks:
                  autoscaler:
                    min_replicas: 2
                    max_replicas: 2
                cluster:
                  enabled: true
                  postgres:
                    url: %s
                  redis:
                    key_prefix: "%s"
                  kafka:
                    bootstrap_servers: %s
                    topic_prefix: "%s"
                    partitions: %d
                    stream:
                      enabled: true
                """.formatted(port, folder.resolve("node"), database.url(), "aegis-stream-" + UUID.randomUUID() + ":",
                kafka.bootstrapServers(), kafka.topicPrefix(), kafka.partitions()));
        return ServeProcess.start(config, port, KEY, folder.resolve("node.log"), Map.of());
    }

    /** Login events in turn over the subjects, each subject's events from one place and device. */
    private static List<String[]> events() {
        List<String[]> events = new ArrayList<>();
        for (int n = 0; n < EVENTS; n++) {
            String subject = "user-" + (n % SUBJECTS);
            events.add(new String[] {subject, """
                    {"id": "login-%d", "pipeline": "login-risk", "subject": "%s", "event": {"ip": "203.0.113.%d",
                     "device_id": "d-%s", "lat": 48.85, "lon": 2.35}}""".formatted(n, subject, n % SUBJECTS, subject)});
        }
        return events;
    }

    /** One request in flight, so that a first send to a partition still being created cannot be lost (KAFKA-15591). */
    private void send(List<String[]> events) throws Exception {
        Map<String, Object> properties = kafka.producerProperties("it-events");
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (String[] event : events) {
                sent.add(producer.send(new ProducerRecord<>(kafka.name("events"), event[0],
                        event[1].getBytes(StandardCharsets.UTF_8))));
            }
            for (Future<RecordMetadata> one : sent) {
                one.get();
            }
        }
    }

    /** The decisions topic from its start, until every event has a decision and a little after (to see repeats). */
    private List<ConsumerRecord<String, byte[]>> readDecisions() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(readerProperties())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int partition = 0; partition < kafka.partitions(); partition++) {
                partitions.add(new TopicPartition(kafka.name("decisions"), partition));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long end = System.nanoTime() + PATIENCE.toNanos();
            while (records.size() < EVENTS && System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofSeconds(2)).forEach(records::add);
        }
        return records;
    }

    private Map<String, Object> readerProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return properties;
    }

    private static Map<String, List<String>> eventIdsBySubject(Map<String, List<JsonNode>> bySubject) {
        return bySubject.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> entry.getValue().stream().map(json -> json.get("event_id").asText()).toList()));
    }

    private static Map<String, List<String>> expectedOrder(List<String[]> events) {
        return events.stream().collect(Collectors.groupingBy(event -> event[0],
                Collectors.mapping(event -> read(event[1].getBytes(StandardCharsets.UTF_8)).get("id").asText(),
                        Collectors.toList())));
    }

    /** The subject's decision ids as {@code GET /v1/subjects/{subject}/decisions} answers them, once all are in. */
    private Set<String> indexedIds(String subject) {
        int expected = EVENTS / SUBJECTS;
        await().atMost(PATIENCE).until(() -> decisionIds(subject).size() == expected);
        return decisionIds(subject);
    }

    private Set<String> decisionIds(String subject) {
        HttpResponse<String> response = node.get("/v1/subjects/" + subject + "/decisions?limit=1000");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        ServeProcess.read(response.body()).get("decisions").forEach(decision -> ids.add(decision.get("id").asText()));
        return Set.copyOf(ids);
    }

    /** The value of the first series at {@code /metrics} whose name and labels start with {@code series}. */
    private double metric(String series) {
        String text = node.get("/metrics").body();
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(series) + "[^\\n]* ([0-9.eE+-]+)$").matcher(text);
        return value.find() ? Double.parseDouble(value.group(1)) : -1;
    }

    private static JsonNode read(byte[] value) {
        return ServeProcess.read(new String(value, StandardCharsets.UTF_8));
    }
}
