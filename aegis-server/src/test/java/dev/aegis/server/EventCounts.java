package dev.aegis.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What became of a drill's events: the stream group's lag on {@code <prefix>events}, every record of
 * {@code <prefix>decisions} and {@code <prefix>events.dead}, and the decisions the metadata index holds in
 * PostgreSQL, set against the event ids Kafka acknowledged to the producer.
 *
 * @param produced events Kafka acknowledged
 * @param decided produced events with at least one decision on the decisions topic
 * @param outputs records on the decisions topic
 * @param duplicates outputs beyond the first per event (an event answered again after the kill)
 * @param idChanged events whose repeated decisions carry another decision id than the first
 * @param verdictChanged events whose repeated decisions carry another verdict (ALLOW, REVIEW, BLOCK); agents that
 *     keep state (velocity) may see the first evaluation's traces, so this is counted, not required to be 0
 * @param unexpected decisions for no produced event
 * @param deadLettered records on the dead-letter topic
 * @param lag events the stream group has not committed
 * @param indexed rows in the index's {@code decisions} table for the stream's tenant
 * @param indexMissing events whose decision id has no row in the index
 * @param indexDoubled decision ids with more than one row
 * @param examples up to ten event ids that were not decided or not indexed, to look up in the nodes' logs
 */
record EventCounts(int produced, int decided, int outputs, int duplicates, int idChanged, int verdictChanged,
        int unexpected, long deadLettered, long lag, int indexed, int indexMissing, int indexDoubled,
        List<String> examples) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL = Duration.ofSeconds(10);

    /** Every event decided, each under one decision id, indexed once; nothing dead-lettered or left behind. */
    boolean exact() {
        return decided == produced && idChanged == 0 && unexpected == 0 && deadLettered == 0 && lag == 0
                && indexed == produced && indexMissing == 0 && indexDoubled == 0;
    }

    /** The stream group's committed offsets on {@code <prefix>events} and the topic's ends, in Kafka. */
    static final class Kafka implements AutoCloseable {

        private final String bootstrap;
        private final String prefix;
        private final Admin admin;

        Kafka(String bootstrap, String prefix) {
            this.bootstrap = bootstrap;
            this.prefix = prefix;
            this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.CLIENT_ID_CONFIG, "aegis-drill-admin"));
        }

        /** Events on the input topic that the stream group has not committed. */
        long lag() throws InterruptedException {
            Map<TopicPartition, Long> ends = ends(prefix + "events");
            Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(prefix + "stream")
                    .partitionsToOffsetAndMetadata());
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += end.getValue() - (at == null ? 0 : at.offset());
            }
            return lag;
        }

        long records(String topic) throws InterruptedException {
            return ends(topic).values().stream().mapToLong(Long::longValue).sum();
        }

        /** Every record of the decisions topic, by event id: its decision id, verdict and when and where it was written. */
        Map<String, List<String[]>> decisions() throws InterruptedException {
            Map<TopicPartition, Long> ends = ends(prefix + "decisions");
            Map<String, List<String[]>> byEvent = new HashMap<>();
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.CLIENT_ID_CONFIG, "aegis-drill-reader",
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
                consumer.assign(ends.keySet());
                consumer.seekToBeginning(ends.keySet());
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (!readTo(consumer, ends)) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException("could not read " + prefix + "decisions to its end " + ends);
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        JsonNode decision = read(record.value());
                        byEvent.computeIfAbsent(decision.get("event_id").asText(), id -> new ArrayList<>())
                                .add(new String[] {decision.get("id").asText(), decision.get("decision").asText(),
                                        java.time.Instant.ofEpochMilli(record.timestamp()) + " on partition "
                                                + record.partition()});
                    }
                }
            }
            return byEvent;
        }

        private static boolean readTo(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
            return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
        }

        private Map<TopicPartition, Long> ends(String topic) throws InterruptedException {
            int partitions = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            get(admin.listOffsets(latest).all()).forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        }

        @Override
        public void close() {
            admin.close(CALL);
        }

        private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) throws InterruptedException {
            try {
                return future.get(CALL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Kafka did not answer: " + e.getMessage(), e);
            }
        }
    }

    /** Rows of the index's decisions table for {@code tenant}. */
    static int indexed(Connection connection, String tenant) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM decisions WHERE tenant = ?")) {
            select.setString(1, tenant);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    static EventCounts count(Collection<String> produced, Kafka kafka, Connection connection, String tenant)
            throws InterruptedException, SQLException {
        Map<String, List<String[]>> byEvent = kafka.decisions();
        Set<String> ids = new HashSet<>(produced);
        int outputs = byEvent.values().stream().mapToInt(List::size).sum();
        int decided = (int) ids.stream().filter(byEvent::containsKey).count();
        int unexpected = (int) byEvent.keySet().stream().filter(id -> !ids.contains(id)).count();
        int idChanged = 0;
        int verdictChanged = 0;
        Map<String, Integer> rows = indexRows(connection, tenant);
        List<String> examples = new ArrayList<>();
        int indexMissing = 0;
        for (Map.Entry<String, List<String[]>> answers : byEvent.entrySet()) {
            String[] first = answers.getValue().getFirst();
            idChanged += answers.getValue().stream().anyMatch(a -> !a[0].equals(first[0])) ? 1 : 0;
            verdictChanged += answers.getValue().stream().anyMatch(a -> !a[1].equals(first[1])) ? 1 : 0;
            if (!rows.containsKey(first[0])) {
                indexMissing++;
                example(examples, answers.getKey() + " (decision " + first[0] + " written " + first[2] + ", "
                        + answers.getValue().size() + " time(s), not indexed)");
            }
        }
        ids.stream().filter(id -> !byEvent.containsKey(id)).forEach(id -> example(examples, id + " (no decision)"));
        int indexDoubled = (int) rows.values().stream().filter(n -> n > 1).count();
        int indexed = rows.values().stream().mapToInt(Integer::intValue).sum();
        return new EventCounts(ids.size(), decided, outputs, outputs - byEvent.size(), idChanged, verdictChanged,
                unexpected, kafka.records(kafka.prefix + "events.dead"), kafka.lag(), indexed, indexMissing,
                indexDoubled, List.copyOf(examples));
    }

    private static void example(List<String> examples, String example) {
        if (examples.size() < 10) {
            examples.add(example);
        }
    }

    /** Rows per evaluation id in the index, for {@code tenant}. */
    private static Map<String, Integer> indexRows(Connection connection, String tenant) throws SQLException {
        Map<String, Integer> rows = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT evaluation_id, COUNT(*) FROM decisions WHERE tenant = ? GROUP BY evaluation_id")) {
            select.setString(1, tenant);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getInt(2));
                }
            }
        }
        return rows;
    }

    private static JsonNode read(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException("a decision that is not JSON: " + new String(value,
                    java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }
}
