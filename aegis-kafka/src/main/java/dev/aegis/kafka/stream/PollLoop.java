package dev.aegis.kafka.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's thread. Each round resumes the partitions whose retry wait is over, polls, runs each polled
 * partition's records on a virtual thread of its own (so one partition is answered in order, and partitions side
 * by side), then, once every run ended: seeks each partition an outage stopped back to the record it stopped at
 * and pauses it for its wait, commits every partition's answered records, and updates the lag. Rebalances happen
 * inside {@code poll}, when no run is in flight, so a revoked partition has nothing pending.
 */
final class PollLoop implements Runnable, ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration AFTER_FAILED_ROUND = Duration.ofSeconds(1);
    /**
     * How often a busy consumer measures its lag: the consumer-group client answers each partition's lag through
     * its background thread, a round trip per partition. An idle consumer measures on every empty poll.
     */
    private static final Duration LAG_INTERVAL = Duration.ofSeconds(1);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final PartitionRun partitions;
    private final ExecutorService runs;
    private final RetryBackoff backoff;
    private final StreamMeters meters;
    private final Duration timeout;
    private final BooleanSupplier running;
    private long nextLagMeasure = System.nanoTime();

    PollLoop(Consumer<String, byte[]> consumer, String topic, PartitionRun partitions, ExecutorService runs,
            RetryBackoff backoff, StreamMeters meters, Duration timeout, BooleanSupplier running) {
        this.consumer = consumer;
        this.topic = topic;
        this.partitions = partitions;
        this.runs = runs;
        this.backoff = backoff;
        this.meters = meters;
        this.timeout = timeout;
        this.running = running;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), this);
            while (running.getAsBoolean()) {
                roundOrWait();
            }
        } finally {
            leave();
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        backoff.forget(revoked);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        // Reading starts at the group's committed offsets; nothing else to set up.
    }

    private void roundOrWait() {
        try {
            round();
        } catch (RuntimeException e) {
            LOG.warn("a round of the stream consumer failed; the next starts in {}: {}", AFTER_FAILED_ROUND,
                    e.toString());
            sleep(AFTER_FAILED_ROUND);
        }
    }

    private void round() {
        resumeDue();
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        if (records.isEmpty()) {
            meters.lag(lag());
            return;
        }
        boolean measure = System.nanoTime() - nextLagMeasure >= 0;
        if (measure) {
            meters.lag(lag() + records.count());
        }
        settle(runAll(records));
        if (measure) {
            meters.lag(lag());
            nextLagMeasure = System.nanoTime() + LAG_INTERVAL.toNanos();
        }
    }

    private void resumeDue() {
        List<TopicPartition> due = backoff.due();
        due.retainAll(consumer.assignment());
        consumer.resume(due);
    }

    private List<PartitionResult> runAll(ConsumerRecords<String, byte[]> records) {
        List<Started> started = new ArrayList<>();
        for (TopicPartition partition : records.partitions()) {
            var batch = records.records(partition);
            started.add(new Started(partition, batch.getFirst().offset(),
                    runs.submit(() -> partitions.run(partition, batch))));
        }
        return started.stream().map(Started::result).toList();
    }

    /** Seeks back before committing: a failure to commit must not leave a stopped partition's position past it. */
    private void settle(List<PartitionResult> results) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (PartitionResult result : results) {
            if (result.outage().isPresent()) {
                retryLater(result);
            } else if (result.progressed()) {
                backoff.succeeded(result.partition());
            }
            if (result.progressed()) {
                done.put(result.partition(), new OffsetAndMetadata(result.nextOffset()));
            }
            meters.count(Outcome.EVALUATED, result.evaluated());
            meters.count(Outcome.DEAD_LETTERED, result.deadLettered());
        }
        commit(done);
    }

    private void retryLater(PartitionResult result) {
        consumer.seek(result.partition(), result.nextOffset());
        consumer.pause(List.of(result.partition()));
        Duration wait = backoff.failed(result.partition());
        meters.count(Outcome.RETRIED, 1);
        LOG.warn("stream partition {} stopped at {}; it is read again from offset {} in {}", result.partition(),
                result.outage().orElseThrow(), result.nextOffset(), wait);
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> done) {
        if (done.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(done, timeout);
        } catch (RuntimeException e) {
            LOG.warn("committing {} failed; their answered records may be answered again: {}", done, e.toString());
        }
    }

    /** Records of the topic not yet processed: past this consumer's position, over the partitions it holds. */
    private long lag() {
        long lag = 0;
        for (TopicPartition partition : consumer.assignment()) {
            lag += consumer.currentLag(partition).orElse(0);
        }
        return lag;
    }

    private void leave() {
        try {
            consumer.close(CloseOptions.timeout(timeout));
        } catch (RuntimeException e) {
            LOG.warn("the stream consumer did not leave its group cleanly: {}", e.toString());
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A partition's run under way. */
    private record Started(TopicPartition partition, long firstOffset, Future<PartitionResult> run) {

        /** Its result; a run that failed or was interrupted answered nothing that can be relied on. */
        PartitionResult result() {
            try {
                return run.get();
            } catch (ExecutionException e) {
                LOG.error("the run of stream partition {} failed", partition, e.getCause());
                return PartitionResult.failed(partition, firstOffset, e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return PartitionResult.failed(partition, firstOffset, "interrupted");
            }
        }
    }
}
