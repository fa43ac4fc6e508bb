package dev.aegis.kafka.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.task.Lease;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.api.time.TimeSource;
import dev.aegis.kafka.KafkaSettings;
import dev.aegis.kafka.LocalKafka;
import dev.aegis.testkit.task.TaskFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Nodes join and leave while tasks flow through the group. A consumer that stops placing records after a
 * rebalance (the stalls that the contract suite, on one node, cannot show) leaves tasks here that nobody takes.
 */
class KafkaTaskQueueRebalanceIT {

    private static final int BATCHES = 60;
    private static final int BATCH = 100;
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final KafkaQueueSettings QUEUE = new KafkaQueueSettings(100, Duration.ofMillis(200), 3, 0);

    private final TaskFixtures tasks = new TaskFixtures();
    private final KafkaSettings settings = LocalKafka.settings(6);
    private final Set<String> taken = ConcurrentHashMap.newKeySet();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    @Test
    void everyTaskIsTakenWhileANodeJoinsAndAnotherLeavesUnderLoad() throws Exception {
        Node first = new Node(open());
        Node leaving = new Node(open());
        List<Node> joined = new CopyOnWriteArrayList<>();
        Thread churn = Thread.ofPlatform().name("churn").start(() -> {
            try {
                Thread.sleep(500);
                joined.add(new Node(open()));
                Thread.sleep(1_000);
                leaving.stop();
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        List<String> offered = new ArrayList<>();
        try {
            for (int i = 0; i < BATCHES; i++) {
                offered.addAll(offer(first.queue));
                Thread.sleep(50);
            }
            churn.join();
            awaitTaken(offered, Duration.ofSeconds(60));
        } finally {
            first.stop();
            leaving.stop();
            for (Node node : joined) {
                node.stop();
            }
        }

        assertThat(failures).isEmpty();
        assertThat(joined).hasSize(1);
        assertThat(taken).containsExactlyInAnyOrderElementsOf(offered);
    }

    private KafkaTaskQueue open() {
        return KafkaTaskQueue.open(settings, TimeSource.system(), QUEUE);
    }

    private List<String> offer(KafkaTaskQueue queue) {
        List<Task> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(tasks.queued("t", Priority.values()[i % 4]));
        }
        queue.offer(batch);
        return batch.stream().map(Task::id).toList();
    }

    private void awaitTaken(List<String> offered, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!taken.containsAll(offered) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** A node's queue and four workers that take, note and acknowledge until the node stops. */
    private final class Node {

        private final KafkaTaskQueue queue;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> workers = new ArrayList<>();

        Node(KafkaTaskQueue queue) {
            this.queue = queue;
            for (int i = 0; i < 4; i++) {
                workers.add(Thread.ofPlatform().start(this::work));
            }
        }

        private void work() {
            try {
                while (running.get()) {
                    for (Lease lease : queue.take(20, LEASE, Duration.ofMillis(50))) {
                        taken.add(lease.task().id());
                        queue.acknowledge(lease);
                    }
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        }

        void stop() throws InterruptedException {
            if (!running.getAndSet(false)) {
                return;
            }
            for (Thread worker : workers) {
                worker.join(TimeUnit.SECONDS.toMillis(10));
            }
            queue.close();
        }
    }
}
