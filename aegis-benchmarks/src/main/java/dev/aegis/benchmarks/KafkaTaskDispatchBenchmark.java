package dev.aegis.benchmarks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aegis.api.task.Lease;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskTarget;
import dev.aegis.api.time.TimeSource;
import dev.aegis.kafka.KafkaSettings;
import dev.aegis.kafka.task.KafkaQueueSettings;
import dev.aegis.kafka.task.KafkaTaskQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tasks dispatched through Kafka by {@code nodes} queue instances in one consumer group, as {@code nodes} server
 * nodes would: each invocation offers {@value #BATCH} tasks at mixed priorities (spread over the nodes, as a load
 * balancer spreads submissions), and each node's {@code workers} threads take and acknowledge them until all are
 * done. The task store is left out, so the figure is what Kafka dispatch costs and how that cost grows with the
 * number of nodes. The broker is {@code -jvmArgsAppend -Daegis.bench.kafka=host:port} (default
 * {@value #DEFAULT_BROKER}, as {@code scripts/kafka-local.sh start} runs it); each trial uses topics of its own.
 * Results: docs/benchmarks.md, "Tasks through Kafka".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class KafkaTaskDispatchBenchmark {

    static final String DEFAULT_BROKER = "127.0.0.1:19092";
    static final int BATCH = 20_000;
    private static final int OFFER_BATCH = 200;
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final int PARTITIONS = 12;

    @Param({"1", "3"})
    public int nodes;

    @Param({"8"})
    public int workers;

    private final List<KafkaTaskQueue> queues = new ArrayList<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();
    private ExecutorService threads;
    private volatile boolean running = true;

    @Setup(Level.Trial)
    public void start() {
        KafkaSettings settings = new KafkaSettings(System.getProperty("aegis.bench.kafka", DEFAULT_BROKER),
                "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".", PARTITIONS, (short) 1,
                Duration.ofSeconds(10));
        for (int i = 0; i < nodes; i++) {
            queues.add(KafkaTaskQueue.open(settings, TimeSource.system(),
                    KafkaQueueSettings.defaults(TaskWorkload.LOWER_PRIORITY_SHARE)));
        }
        threads = Executors.newFixedThreadPool(nodes * workers + nodes);
        for (KafkaTaskQueue queue : queues) {
            for (int i = 0; i < workers; i++) {
                threads.submit(() -> work(queue));
            }
        }
    }

    private Void work(KafkaTaskQueue queue) throws InterruptedException {
        while (running) {
            for (Lease lease : queue.take(16, LEASE, Duration.ofMillis(50))) {
                queue.acknowledge(lease);
                acknowledged.incrementAndGet();
            }
        }
        return null;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void offerAndAcknowledge() throws Exception {
        long target = acknowledged.get() + BATCH;
        List<Future<?>> offers = new ArrayList<>();
        for (int node = 0; node < nodes; node++) {
            KafkaTaskQueue queue = queues.get(node);
            int share = BATCH / nodes + (node < BATCH % nodes ? 1 : 0);
            offers.add(threads.submit(() -> offer(queue, share)));
        }
        for (Future<?> offer : offers) {
            offer.get();
        }
        while (acknowledged.get() < target) {
            Thread.onSpinWait();
        }
    }

    private Void offer(KafkaTaskQueue queue, int count) {
        Instant now = Instant.now();
        List<Task> batch = new ArrayList<>(OFFER_BATCH);
        for (int i = 0; i < count; i++) {
            batch.add(Task.create("bench-" + ids.incrementAndGet(), "bench", TaskTarget.agent("echo"),
                    Priority.values()[i % 4], JsonNodeFactory.instance.objectNode(), Optional.empty(), 3,
                    Duration.ofSeconds(30), now));
            if (batch.size() == OFFER_BATCH || i == count - 1) {
                queue.offer(batch);
                batch = new ArrayList<>(OFFER_BATCH);
            }
        }
        return null;
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        running = false;
        threads.shutdown();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        queues.forEach(KafkaTaskQueue::close);
    }
}
