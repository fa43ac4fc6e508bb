package dev.aegis.kafka.task;

import dev.aegis.api.task.Priority;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns a node's Kafka consumer: it places fetched records in the node's buffer, pauses a
 * priority's partitions while its share of the buffer is full, commits what is done, and hands partitions back
 * when the group moves them to another node.
 */
final class TaskConsumer implements ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(TaskConsumer.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration REVOKE_GRACE = Duration.ofSeconds(5);
    /** How often paused partitions' records are counted: each partition's count is a round trip in the client. */
    private static final Duration MEASURE_INTERVAL = Duration.ofSeconds(1);
    private static final int COMMIT_ATTEMPTS = 5;
    static final String SEQUENCE_HEADER = "aegis-seq";
    private static final Comparator<ConsumerRecord<String, byte[]>> OFFER_ORDER =
            Comparator.<ConsumerRecord<String, byte[]>>comparingLong(ConsumerRecord::timestamp)
                    .thenComparingLong(TaskConsumer::sequence)
                    .thenComparing(ConsumerRecord::topic)
                    .thenComparingInt(ConsumerRecord::partition)
                    .thenComparingLong(ConsumerRecord::offset);

    private final KafkaConsumer<String, byte[]> consumer;
    private final TaskTopics topics;
    private final OffsetTracker offsets;
    private final KafkaTaskQueue queue;
    private final Duration commitInterval;
    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
    private final Set<TopicPartition> paused = new HashSet<>();
    private final ReentrantLock progressLock = new ReentrantLock();
    private final Condition progressed = progressLock.newCondition();
    private final Thread thread;
    private volatile Map<Priority, Integer> unfetched = Map.of();
    private final Map<TopicPartition, Long> produced = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> releasedNext = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> lastFetchedAt = new HashMap<>();
    private final PriorityQueue<ConsumerRecord<String, byte[]>> staged = new PriorityQueue<>(OFFER_ORDER);
    private volatile boolean anyPaused;
    private volatile String memberId = "";
    private volatile boolean running = true;
    private Map<TopicPartition, OffsetAndMetadata> dueForCommit = Map.of();

    TaskConsumer(KafkaConsumer<String, byte[]> consumer, TaskTopics topics, OffsetTracker offsets,
            KafkaTaskQueue queue, Duration commitInterval) {
        this.consumer = consumer;
        this.topics = topics;
        this.offsets = offsets;
        this.queue = queue;
        this.commitInterval = commitInterval;
        this.thread = Thread.ofPlatform().name("aegis-kafka-tasks").daemon().unstarted(this::run);
    }

    /**
     * Starts consuming and waits up to the Kafka timeout until the group has settled with this node holding its share
     * (topics just created reach the group's assignment one by one, and a joining node moves partitions).
     */
    void start(GroupAssignment assignment) throws InterruptedException {
        thread.start();
        if (!assignment.awaitSettled(() -> memberId, () -> Set.copyOf(owned))) {
            LOG.warn("the task group did not settle within the Kafka timeout; this node holds {} for now and takes "
                    + "the rest of its share once it gets it", owned);
        }
    }

    boolean owns(TopicPartition partition) {
        return owned.contains(partition);
    }

    /** Records that this node's paused partitions hold back, by priority, counted at most a second ago. */
    Map<Priority, Integer> unfetched() {
        return unfetched;
    }

    /**
     * Notes a record this node produced onto a partition it holds, so that its takes wait for it. A partition the
     * node takes on later starts where the group left it, which may be past the record: that offer is not waited for.
     */
    void produced(TopicPartition partition, long offset) {
        if (owned.contains(partition)) {
            produced.merge(partition, offset, Math::max);
        }
    }

    /**
     * Waits until every record this node produced onto its own {@code relevant} partitions before the call is placed
     * (or, when {@code pausedCounts}, its partition is paused and so counted as unfetched), until {@code enough}
     * holds, or until the deadline. Offers made while it waits do not prolong the wait.
     */
    void awaitPlaced(Predicate<TopicPartition> relevant, boolean pausedCounts, long deadlineNanos,
            BooleanSupplier enough) throws InterruptedException {
        Map<TopicPartition, Long> before = new HashMap<>(produced);
        before.keySet().removeIf(relevant.negate());
        if (placed(before, pausedCounts)) {
            return;
        }
        consumer.wakeup();
        progressLock.lockInterruptibly();
        try {
            while (!placed(before, pausedCounts) && !enough.getAsBoolean()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                progressed.awaitNanos(left);
            }
        } finally {
            progressLock.unlock();
        }
    }

    private boolean placed(Map<TopicPartition, Long> offers, boolean pausedCounts) {
        boolean all = true;
        for (Map.Entry<TopicPartition, Long> entry : offers.entrySet()) {
            TopicPartition partition = entry.getKey();
            if (!owned.contains(partition) || releasedNext.getOrDefault(partition, -1L) > entry.getValue()) {
                produced.remove(partition, entry.getValue());
            } else if (!(pausedCounts && isPaused(partition))) {
                all = false;
            }
        }
        return all;
    }

    private boolean isPaused(TopicPartition partition) {
        synchronized (paused) {
            return paused.contains(partition);
        }
    }

    /** Wakes the consumer when it paused partitions, so that it resumes those whose share has room again. */
    void nudgeIfPaused() {
        if (anyPaused) {
            consumer.wakeup();
        }
    }

    private void run() {
        consumer.subscribe(topics.consumed(), this);
        long nextCommit = System.nanoTime() + commitInterval.toNanos();
        long nextMeasure = System.nanoTime();
        while (running) {
            try {
                ConsumerRecords<String, byte[]> records = pollUnlessWoken();
                if (memberId.isEmpty()) {
                    memberId = consumer.groupMetadata().memberId();
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    offsets.fetched(partition, record.offset());
                    lastFetchedAt.put(partition, record.timestamp());
                    staged.add(record);
                }
                releaseInOfferOrder();
                adjustPauses();
                if (!anyPaused) {
                    unfetched = Map.of();
                } else if (System.nanoTime() - nextMeasure >= 0) {
                    measureUnfetched();
                    nextMeasure = System.nanoTime() + MEASURE_INTERVAL.toNanos();
                }
                if (System.nanoTime() - nextCommit >= 0) {
                    commitDue();
                    nextCommit = System.nanoTime() + commitInterval.toNanos();
                }
            } catch (RuntimeException e) {
                LOG.warn("the task consumer failed ({}); it polls again", e.toString(), e);
                pause();
            } finally {
                signalProgress();
            }
        }
        closeConsumer();
    }

    /** The next records; none when a worker woke the consumer, so that pauses and placements are looked at again. */
    private ConsumerRecords<String, byte[]> pollUnlessWoken() {
        try {
            return consumer.poll(POLL);
        } catch (WakeupException e) {
            return ConsumerRecords.empty();
        }
    }

    /**
     * Places fetched records in the order they were offered, across partitions: a record waits while a partition
     * that still holds one of this node's offers may deliver an earlier one. Other nodes' offers are placed as they
     * come (asking Kafka how far behind each partition is takes a round trip per partition), and paused partitions
     * hold nothing back.
     */
    private void releaseInOfferOrder() {
        long frontier = Long.MAX_VALUE;
        for (TopicPartition partition : owned) {
            if (behind(partition)) {
                frontier = Math.min(frontier, lastFetchedAt.getOrDefault(partition, Long.MIN_VALUE));
            }
        }
        while (!staged.isEmpty() && staged.peek().timestamp() <= frontier) {
            ConsumerRecord<String, byte[]> record = staged.poll();
            queue.place(record);
            releasedNext.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1,
                    Math::max);
        }
    }

    /** Whether the partition still holds one of this node's offers, unplaced. */
    private boolean behind(TopicPartition partition) {
        Long ownOffer = produced.get(partition);
        return ownOffer != null && releasedNext.getOrDefault(partition, -1L) <= ownOffer && !isPaused(partition);
    }

    private static long sequence(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(SEQUENCE_HEADER);
        return header == null || header.value().length != Long.BYTES ? 0 : ByteBuffer.wrap(header.value()).getLong();
    }

    /** Commits the offsets found done one interval ago: a retry queued right after its acknowledgement is out by then. */
    private void commitDue() {
        if (!dueForCommit.isEmpty()) {
            consumer.commitAsync(dueForCommit, (committed, error) -> {
                if (error != null) {
                    LOG.warn("committing task offsets failed ({}); they are committed with later ones", error.toString());
                }
            });
        }
        dueForCommit = offsets.committable(partition -> true);
    }

    /**
     * Pauses the partitions of full priorities and resumes the others, among the partitions the consumer holds now
     * (which a rebalance under way may have changed since the last callback).
     */
    private void adjustPauses() {
        Set<Priority> fullPriorities = queue.fullPriorities();
        boolean delayedFull = queue.delayedFull();
        Set<TopicPartition> assigned = consumer.assignment();
        Set<TopicPartition> toResume = new HashSet<>();
        synchronized (paused) {
            paused.retainAll(assigned);
            for (TopicPartition partition : assigned) {
                boolean full = topics.priorityOf(partition.topic()).map(fullPriorities::contains).orElse(delayedFull);
                if (full) {
                    paused.add(partition);
                } else if (paused.remove(partition)) {
                    toResume.add(partition);
                }
            }
            consumer.pause(paused);
            anyPaused = !paused.isEmpty();
        }
        consumer.resume(toResume);
    }

    /** Counts the records that paused partitions hold back; the others are fetched as they come. */
    private void measureUnfetched() {
        Map<Priority, Integer> counts = new EnumMap<>(Priority.class);
        Set<TopicPartition> held;
        synchronized (paused) {
            held = Set.copyOf(paused);
        }
        for (TopicPartition partition : held) {
            topics.priorityOf(partition.topic()).ifPresent(priority -> counts.merge(priority,
                    (int) Math.min(Integer.MAX_VALUE, consumer.currentLag(partition).orElse(0)), Integer::sum));
        }
        unfetched = counts;
    }

    private void signalProgress() {
        progressLock.lock();
        try {
            progressed.signalAll();
        } finally {
            progressLock.unlock();
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        produced.keySet().removeAll(partitions);
        owned.addAll(partitions);
        LOG.debug("task partitions assigned: {}", partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        handBack(partitions, REVOKE_GRACE);
    }

    /** Releases the partitions' tasks (leased ones get {@code grace} to finish) and commits what is done. */
    private void handBack(Collection<TopicPartition> partitions, Duration grace) {
        queue.release(partitions, grace);
        Map<TopicPartition, OffsetAndMetadata> done = offsets.committable(partitions::contains);
        try {
            if (!done.isEmpty()) {
                commitThroughWakeUps(done);
            }
        } catch (KafkaException e) {
            LOG.warn("committing the offsets of handed back task partitions failed ({}); their next owner runs "
                    + "those tasks again, and the store drops the repeats", e.toString());
        }
        forget(partitions);
    }

    /** Commits; a worker's wake-up, which only asks the thread to look at its buffer again, does not stop it. */
    private void commitThroughWakeUps(Map<TopicPartition, OffsetAndMetadata> done) {
        for (int attempt = 1; ; attempt++) {
            try {
                consumer.commitSync(done);
                return;
            } catch (WakeupException e) {
                if (attempt == COMMIT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        queue.release(partitions, Duration.ZERO);
        forget(partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(offsets::forget);
        staged.removeIf(record -> partitions.contains(new TopicPartition(record.topic(), record.partition())));
        releasedNext.keySet().removeAll(partitions);
        lastFetchedAt.keySet().removeAll(partitions);
        produced.keySet().removeAll(partitions);
        owned.removeAll(partitions);
        Map<TopicPartition, OffsetAndMetadata> stillOwned = new HashMap<>(dueForCommit);
        stillOwned.keySet().removeAll(partitions);
        dueForCommit = stillOwned;
    }

    private void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(REVOKE_GRACE.multipliedBy(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeConsumer() {
        try {
            handBack(Set.copyOf(owned), Duration.ZERO);
            consumer.close(CloseOptions.timeout(REVOKE_GRACE));
        } catch (KafkaException e) {
            LOG.warn("the task consumer did not close cleanly ({})", e.toString());
        }
    }
}
