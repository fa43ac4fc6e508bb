package dev.aegis.kafka.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.task.Lease;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskStoreException;
import dev.aegis.api.time.TimeSource;
import dev.aegis.kafka.KafkaSettings;
import dev.aegis.kafka.LocalKafka;
import dev.aegis.testkit.task.TaskFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Several nodes on one task group: the work is shared, a node that leaves hands its tasks over, bad records go. */
class KafkaTaskQueueGroupIT {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final KafkaQueueSettings QUEUE = new KafkaQueueSettings(100, Duration.ofMillis(200), 3, 0);

    private final TaskFixtures tasks = new TaskFixtures();
    private final KafkaSettings settings = LocalKafka.settings(6);

    @Test
    void twoNodesShareTheTasksAndEachTaskIsTakenOnce() throws Exception {
        try (KafkaTaskQueue first = open(); KafkaTaskQueue second = open()) {
            List<String> offered = offer(first, 1_000);

            Set<String> byFirst = new HashSet<>();
            Set<String> bySecond = new HashSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (byFirst.size() + bySecond.size() < offered.size() && System.nanoTime() < deadline) {
                drainOnce(first, byFirst);
                drainOnce(second, bySecond);
            }

            assertThat(byFirst).doesNotContainAnyElementsOf(bySecond);
            assertThat(union(byFirst, bySecond)).containsExactlyInAnyOrderElementsOf(offered);
        }
    }

    @Test
    void aNodeThatJoinsOpensOnceItHoldsItsShareAndEachPartitionHasOneHolder() {
        try (KafkaTaskQueue first = open()) {
            long start = System.nanoTime();
            try (KafkaTaskQueue second = open()) {
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(settings.timeout());
                for (String topic : new TaskTopics(settings).consumed()) {
                    for (int partition = 0; partition < settings.partitions(); partition++) {
                        TopicPartition each = new TopicPartition(topic, partition);
                        assertThat(first.holds(each) ^ second.holds(each)).as("one holder of %s", each).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void theTasksOfANodeThatLeavesUnacknowledgedGoToTheNodeThatStays() throws Exception {
        KafkaTaskQueue leaving = open();
        List<String> offered;
        Set<String> heldByLeaving = new HashSet<>();
        try (KafkaTaskQueue staying = open()) {
            offered = offer(leaving, 300);
            for (Lease lease : leaving.take(300, LEASE, Duration.ofSeconds(2))) {
                heldByLeaving.add(lease.task().id());
            }
            leaving.close();

            Set<String> taken = new HashSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (taken.size() < offered.size() && System.nanoTime() < deadline) {
                drainOnce(staying, taken);
            }

            assertThat(heldByLeaving).isNotEmpty();
            assertThat(taken).containsExactlyInAnyOrderElementsOf(offered);
        }
    }

    @Test
    void aRecordThatIsNoTaskGoesToTheDeadLetterTopicAndDoesNotBlockItsPartition() throws Exception {
        TaskTopics topics = new TaskTopics(settings);
        try (KafkaTaskQueue queue = open();
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings.producerProperties("bad"))) {
            producer.send(new ProducerRecord<>(topics.of(Priority.NORMAL), "junk",
                    "{not json".getBytes(StandardCharsets.UTF_8))).get();
            List<String> offered = offer(queue, 20);

            Set<String> taken = new HashSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (taken.size() < offered.size() && System.nanoTime() < deadline) {
                drainOnce(queue, taken);
            }

            assertThat(taken).containsExactlyInAnyOrderElementsOf(offered);
            assertThat(deadLetterKeys(topics)).containsExactly("junk");
        }
    }

    @Test
    void anOfferThatKafkaCannotTakeFailsWithinTheTimeout() {
        KafkaSettings nowhere = new KafkaSettings("127.0.0.1:1", settings.topicPrefix(), 1, (short) 1,
                Duration.ofSeconds(2));
        long start = System.nanoTime();

        assertThatThrownBy(() -> KafkaTaskQueue.open(nowhere, TimeSource.system(), QUEUE))
                .hasMessageContaining("127.0.0.1:1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    private KafkaTaskQueue open() {
        return KafkaTaskQueue.open(settings, TimeSource.system(), QUEUE);
    }

    private List<String> offer(KafkaTaskQueue queue, int count) {
        List<Task> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(tasks.queued("t", Priority.values()[i % 4]));
        }
        queue.offer(batch);
        return batch.stream().map(Task::id).toList();
    }

    private static void drainOnce(KafkaTaskQueue queue, Set<String> into) throws InterruptedException {
        for (Lease lease : queue.take(50, LEASE, Duration.ofMillis(50))) {
            assertThat(into.add(lease.task().id())).as("task %s taken twice", lease.task().id()).isTrue();
            assertThat(queue.acknowledge(lease)).isTrue();
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private List<String> deadLetterKeys(TaskTopics topics) {
        Map<String, Object> properties = settings.consumerProperties("dead-reader", settings.name("dead-reader"));
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(properties)) {
            reader.subscribe(List.of(topics.dead()));
            List<String> keys = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (keys.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    keys.add(record.key());
                }
            }
            return keys;
        }
    }
}
