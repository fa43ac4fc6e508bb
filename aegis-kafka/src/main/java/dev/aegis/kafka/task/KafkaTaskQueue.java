package dev.aegis.kafka.task;

import dev.aegis.api.task.Lease;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskQueue;
import dev.aegis.api.task.TaskStoreException;
import dev.aegis.api.time.TimeSource;
import dev.aegis.core.task.queue.InMemoryTaskQueue;
import dev.aegis.kafka.KafkaSettings;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TaskQueue} of a cluster on Kafka. Offers go to a topic per priority (or to the retry topic when the task
 * waits for its run time), keyed by task id, from an idempotent producer with {@code acks=all}; an offer returns once
 * Kafka holds it. The nodes form one consumer group, so each node owns some partitions of every topic and fills a
 * small in-memory buffer from them (an {@link InMemoryTaskQueue}: leases, priorities, run times); workers take from
 * it. A record's offset is committed only after its task was acknowledged (acks late), so the tasks of a node that
 * dies are delivered again to the node that gets its partitions. Task state stays in the task store: a worker on a
 * shared queue reads the stored task before it runs one, so a cancel on another node or a repeated record changes
 * nothing.
 *
 * <p>Priority across nodes: a node takes strictly by priority from its buffer, and each priority's partitions
 * pause while that priority's share of the buffer is full, so a backlog of urgent tasks on a node's partitions is
 * served before anything less urgent on that node. Since task ids spread evenly over partitions and every node
 * owns partitions of every priority, a backlog is spread over all nodes alike (docs/tasks.md).
 *
 * <p>A node sees its own offers: a take, a removal or a depth count first waits (up to the Kafka timeout) until
 * the records this node produced onto its own partitions are in its buffer.
 */
public final class KafkaTaskQueue implements TaskQueue {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTaskQueue.class);
    private static final int DELAYED_PER_BUFFER = 10;

    private final KafkaSettings settings;
    private final KafkaQueueSettings queueSettings;
    private final TimeSource time;
    private final TaskTopics topics;
    private final InMemoryTaskQueue buffer;
    private final KafkaProducer<String, byte[]> producer;
    private final DeadLetters deadLetters;
    private final OffsetTracker offsets = new OffsetTracker();
    private final Map<String, RecordRef> held = new ConcurrentHashMap<>();
    private final ReentrantLock placement = new ReentrantLock();
    private final AtomicInteger delayedHeld = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private TaskConsumer consumer;

    private KafkaTaskQueue(KafkaSettings settings, KafkaQueueSettings queueSettings, TimeSource time,
            TaskTopics topics, KafkaProducer<String, byte[]> producer) {
        this.settings = settings;
        this.queueSettings = queueSettings;
        this.time = time;
        this.topics = topics;
        this.producer = producer;
        this.deadLetters = new DeadLetters(producer, topics.dead(), settings.timeout());
        this.buffer = new InMemoryTaskQueue(time, queueSettings.lowerPriorityShare());
    }

    /**
     * Creates the queue's topics when missing, joins the task group and waits (up to the Kafka timeout) until the
     * group has settled with this node holding its share of the partitions.
     *
     * @throws dev.aegis.kafka.KafkaUnavailableException when Kafka cannot be reached
     */
    public static KafkaTaskQueue open(KafkaSettings settings, TimeSource time, KafkaQueueSettings queueSettings) {
        TaskTopics topics = new TaskTopics(settings);
        try (Admin admin = settings.admin()) {
            settings.createTopics(admin, topics.all());
            GroupAssignment assignment = new GroupAssignment(admin, topics.group(), topics.consumed(),
                    settings.timeout());
            String client = "aegis-tasks-" + UUID.randomUUID().toString().substring(0, 8);
            KafkaTaskQueue queue = new KafkaTaskQueue(settings, queueSettings, time, topics,
                    new KafkaProducer<>(settings.producerProperties(client)));
            queue.consumer = new TaskConsumer(new KafkaConsumer<>(consumerProperties(settings, topics, client,
                    queueSettings)), topics, queue.offsets, queue, queueSettings.commitInterval());
            try {
                queue.consumer.start(assignment);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                queue.close();
                throw new IllegalStateException("interrupted while joining the task group", e);
            }
            return queue;
        }
    }

    private static Map<String, Object> consumerProperties(KafkaSettings settings, TaskTopics topics, String client,
            KafkaQueueSettings queueSettings) {
        Map<String, Object> properties = settings.consumerProperties(client, topics.group());
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, queueSettings.buffer());
        return properties;
    }

    @Override
    public void offer(List<Task> tasks) {
        Instant now = time.now();
        List<Future<RecordMetadata>> sends = new ArrayList<>(tasks.size());
        try {
            for (Task task : tasks) {
                String topic = task.runAt().isAfter(now) ? topics.retry() : topics.of(task.priority());
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, task.id(), TaskRecords.encode(task));
                record.headers().add(TaskConsumer.SEQUENCE_HEADER,
                        ByteBuffer.allocate(Long.BYTES).putLong(sequence.incrementAndGet()).array());
                sends.add(producer.send(record));
            }
            for (Future<RecordMetadata> send : sends) {
                RecordMetadata written = send.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
                consumer.produced(new TopicPartition(written.topic(), written.partition()), written.offset());
            }
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new TaskStoreException("Kafka at " + settings.bootstrapServers() + " did not take the task"
                    + (tasks.size() == 1 ? "" : "s") + " within " + settings.timeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskStoreException("interrupted while queueing tasks on Kafka", e);
        }
    }

    /**
     * Takes from this node's buffer. A take first waits for this node's earlier offers that could come before what
     * the buffer holds (those of the same or a more urgent priority); when the buffer holds nothing ready, it waits
     * for all of them, or until anything becomes ready, and looks again.
     */
    @Override
    public List<Lease> take(int max, Duration leaseFor, Duration wait) throws InterruptedException {
        long deadline = deadline();
        while (true) {
            Optional<Priority> mostUrgent = mostUrgentReady();
            if (mostUrgent.isPresent()) {
                consumer.awaitPlaced(partition -> asUrgent(partition, mostUrgent.get()), true, deadline, () -> false);
                List<Lease> leases = buffer.take(max, leaseFor, Duration.ZERO);
                if (!leases.isEmpty()) {
                    return handedOut(leases);
                }
            }
            consumer.awaitPlaced(partition -> true, false, deadline, () -> mostUrgentReady().isPresent());
            if (mostUrgentReady().isEmpty() || System.nanoTime() - deadline >= 0) {
                return handedOut(buffer.take(max, leaseFor, wait));
            }
        }
    }

    private List<Lease> handedOut(List<Lease> leases) {
        if (!leases.isEmpty()) {
            consumer.nudgeIfPaused();
        }
        return withoutDeadLetters(leases);
    }

    private Optional<Priority> mostUrgentReady() {
        Map<Priority, Integer> ready = buffer.readyDepth();
        return Arrays.stream(Priority.values()).filter(priority -> ready.get(priority) > 0).findFirst();
    }

    private boolean asUrgent(TopicPartition partition, Priority than) {
        return topics.priorityOf(partition.topic()).map(priority -> priority.compareTo(than) <= 0).orElse(false);
    }

    private List<Lease> withoutDeadLetters(List<Lease> leases) {
        if (leases.stream().allMatch(lease -> lease.deliveries() <= queueSettings.maxDeliveries())) {
            return leases;
        }
        List<Lease> kept = new ArrayList<>(leases.size());
        for (Lease lease : leases) {
            if (lease.deliveries() <= queueSettings.maxDeliveries()) {
                kept.add(lease);
            } else {
                deadLetterLeased(lease);
            }
        }
        return kept;
    }

    private void deadLetterLeased(Lease lease) {
        String reason = "its lease expired " + queueSettings.maxDeliveries() + " times without an acknowledgement";
        Optional<String> failure = deadLetters.send(lease.task().id(), TaskRecords.encode(lease.task()), reason);
        if (failure.isPresent()) {
            LOG.warn("task {} could not go to the dead-letter topic ({}); its lease expires and it comes back",
                    lease.task().id(), failure.get());
            return;
        }
        acknowledge(lease);
        LOG.warn("task {} went to the dead-letter topic {}: {}", lease.task().id(), deadLetters.topic(), reason);
    }

    @Override
    public boolean renew(Lease lease, Duration leaseFor) {
        RecordRef ref = held.get(lease.task().id());
        return ref != null && consumer.owns(ref.partition()) && buffer.renew(lease, leaseFor);
    }

    @Override
    public boolean acknowledge(Lease lease) {
        placement.lock();
        try {
            if (!buffer.acknowledge(lease)) {
                return false;
            }
            RecordRef ref = held.remove(lease.task().id());
            if (ref == null) {
                return false;
            }
            done(ref);
            return true;
        } finally {
            placement.unlock();
        }
    }

    @Override
    public boolean remove(String taskId) {
        awaitOwnOffers();
        placement.lock();
        try {
            if (!buffer.remove(taskId)) {
                return false;
            }
            RecordRef ref = held.remove(taskId);
            if (ref != null) {
                done(ref);
            }
            return true;
        } finally {
            placement.unlock();
        }
    }

    /** Ready tasks in this node's buffer, and those on its partitions not fetched yet. */
    @Override
    public Map<Priority, Integer> readyDepth() {
        awaitOwnOffers();
        Map<Priority, Integer> depth = new EnumMap<>(buffer.readyDepth());
        consumer.unfetched().forEach((priority, count) -> depth.merge(priority, count, Integer::sum));
        return depth;
    }

    @Override
    public int leased() {
        return buffer.leased();
    }

    /** Whether the group gave this node the partition. */
    boolean holds(TopicPartition partition) {
        return consumer.owns(partition);
    }

    @Override
    public boolean shared() {
        return true;
    }

    private void awaitOwnOffers() {
        try {
            consumer.awaitPlaced(partition -> true, true, deadline(), () -> false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long deadline() {
        return System.nanoTime() + settings.timeout().toNanos();
    }

    /** Called by the consumer thread for each fetched record. */
    void place(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Task task;
        try {
            task = TaskRecords.decode(record.value());
        } catch (IllegalArgumentException e) {
            deadLetterUnreadable(record, partition, e.getMessage());
            return;
        }
        RecordRef ref = new RecordRef(partition, record.offset(), task.version(), record.topic().equals(topics.retry()));
        placement.lock();
        try {
            RecordRef previous = held.get(task.id());
            if (previous != null && !replaces(previous, ref, task.id())) {
                done(ref);
                return;
            }
            held.put(task.id(), ref);
            if (ref.delayed()) {
                delayedHeld.incrementAndGet();
            }
            buffer.offer(List.of(task));
        } finally {
            placement.unlock();
        }
    }

    /** Whether a newer record takes the place of the one held: an older copy, or a copy leased now, does not. */
    private boolean replaces(RecordRef previous, RecordRef next, String taskId) {
        if (previous.version() > next.version() || !buffer.remove(taskId)) {
            return false;
        }
        held.remove(taskId);
        done(previous);
        return true;
    }

    private void deadLetterUnreadable(ConsumerRecord<String, byte[]> record, TopicPartition partition, String why) {
        Optional<String> failure = deadLetters.send(record.key(), record.value(), why);
        if (failure.isPresent()) {
            LOG.warn("record {} of {} is not a task and could not go to {} ({}); its offset stays uncommitted",
                    record.offset(), partition, deadLetters.topic(), failure.get());
            return;
        }
        offsets.done(new RecordRef(partition, record.offset(), 0, false));
        LOG.warn("record {} of {} is not a task and went to {}: {}", record.offset(), partition, deadLetters.topic(),
                why);
    }

    private void done(RecordRef ref) {
        if (ref.delayed()) {
            delayedHeld.decrementAndGet();
        }
        offsets.done(ref);
    }

    /** The priorities whose share of the buffer is full, so that their partitions pause. */
    Set<Priority> fullPriorities() {
        Set<Priority> full = EnumSet.noneOf(Priority.class);
        buffer.readyDepth().forEach((priority, ready) -> {
            if (ready >= queueSettings.buffer()) {
                full.add(priority);
            }
        });
        return full;
    }

    /** Whether the buffer holds as many waiting tasks as it may, so that the retry topic pauses. */
    boolean delayedFull() {
        return delayedHeld.get() >= queueSettings.buffer() * DELAYED_PER_BUFFER;
    }

    /**
     * Hands back partitions that the group moved to another node: their queued tasks leave the buffer at once,
     * leased ones get up to {@code grace} to be acknowledged, and after that their leases count as lost.
     */
    void release(Collection<TopicPartition> partitions, Duration grace) {
        drop(partitions, buffer::remove);
        long deadline = System.nanoTime() + grace.toNanos();
        while (holdsAny(partitions) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        drop(partitions, taskId -> true);
    }

    /** Stops tracking the partitions' records whose task {@code leaves} the buffer; their offsets stay uncommitted. */
    private void drop(Collection<TopicPartition> partitions, Predicate<String> leaves) {
        placement.lock();
        try {
            Iterator<Map.Entry<String, RecordRef>> entries = held.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<String, RecordRef> entry = entries.next();
                RecordRef ref = entry.getValue();
                if (partitions.contains(ref.partition()) && leaves.test(entry.getKey())) {
                    entries.remove();
                    if (ref.delayed()) {
                        delayedHeld.decrementAndGet();
                    }
                }
            }
        } finally {
            placement.unlock();
        }
    }

    private boolean holdsAny(Collection<TopicPartition> partitions) {
        return held.values().stream().anyMatch(ref -> partitions.contains(ref.partition()));
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
        producer.close(settings.timeout());
        buffer.close();
    }
}
