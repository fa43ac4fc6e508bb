package dev.aegis.testkit.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.task.Lease;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskQueue;
import dev.aegis.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TaskQueue} adapter must show, the embedded one included. An adapter's test extends
 * this class and says how to make a fresh, empty queue that reads time from the given clock and serves
 * priorities strictly (no share for lower priorities), so that the order is fully determined.
 */
public abstract class TaskQueueContract {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration NO_WAIT = Duration.ZERO;

    private final TaskFixtures tasks = new TaskFixtures();
    private final ManualClock clock = new ManualClock(tasks.later(0));
    private TaskQueue queue;

    /** A fresh, empty queue on {@code clock}, strict by priority; this suite closes it. */
    protected abstract TaskQueue createQueue(ManualClock clock);

    @BeforeEach
    void openQueue() {
        queue = createQueue(clock);
    }

    @AfterEach
    void closeQueue() {
        queue.close();
    }

    @Test
    void theMostUrgentReadyTaskIsTakenFirst() throws InterruptedException {
        Task low = tasks.queued("t", Priority.LOW);
        Task normal = tasks.queued("t", Priority.NORMAL);
        Task critical = tasks.queued("t", Priority.CRITICAL);
        Task high = tasks.queued("t", Priority.HIGH);
        queue.offer(List.of(low, normal, critical, high));

        assertThat(takeIds(4)).containsExactly(critical.id(), high.id(), normal.id(), low.id());
    }

    @Test
    void tasksOfOnePriorityAreTakenInTheOrderTheyWereOffered() throws InterruptedException {
        List<Task> offered = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            offered.add(tasks.queued("t", Priority.NORMAL));
        }
        queue.offer(offered.subList(0, 10));
        queue.offer(offered.subList(10, 20));

        assertThat(takeIds(20)).containsExactlyElementsOf(offered.stream().map(Task::id).toList());
    }

    @Test
    void aCriticalTaskOfferedLastIsTakenBeforeEveryQueuedLowOne() throws InterruptedException {
        for (int i = 0; i < 1_000; i++) {
            queue.offer(List.of(tasks.queued("t", Priority.LOW)));
        }
        takeIds(10);
        Task critical = tasks.queued("t", Priority.CRITICAL);
        queue.offer(List.of(critical));

        assertThat(takeIds(1)).containsExactly(critical.id());
    }

    @Test
    void takeAnswersAtMostMaxLeases() throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            queue.offer(List.of(tasks.queued("t", Priority.HIGH)));
        }

        assertThat(queue.take(3, LEASE, NO_WAIT)).hasSize(3);
        assertThat(queue.readyDepth()).containsEntry(Priority.HIGH, 7);
        assertThat(queue.leased()).isEqualTo(3);
    }

    @Test
    void aTaskIsNotReadyBeforeItsRunAt() throws InterruptedException {
        Task later = tasks.queued("t", Priority.CRITICAL).started(clock.now())
                .failed(clock.now(), "retry", clock.now().plusSeconds(10));
        queue.offer(List.of(later));

        assertThat(queue.take(1, LEASE, NO_WAIT)).isEmpty();
        assertThat(queue.readyDepth()).containsEntry(Priority.CRITICAL, 0);
        clock.advance(Duration.ofSeconds(10));

        assertThat(takeIds(1)).containsExactly(later.id());
    }

    @Test
    void aLeaseThatExpiresGivesTheTaskToTheNextTakerAndVoidsTheOldToken() throws InterruptedException {
        Task task = tasks.queued("t", Priority.NORMAL);
        queue.offer(List.of(task));
        Lease first = queue.take(1, LEASE, NO_WAIT).getFirst();
        assertThat(queue.take(1, LEASE, NO_WAIT)).isEmpty();

        clock.advance(LEASE.plusMillis(1));
        Lease second = queue.take(1, LEASE, NO_WAIT).getFirst();

        assertThat(second.task().id()).isEqualTo(task.id());
        assertThat(second.deliveries()).isEqualTo(2);
        assertThat(first.deliveries()).isEqualTo(1);
        assertThat(queue.acknowledge(first)).isFalse();
        assertThat(queue.renew(first, LEASE)).isFalse();
        assertThat(queue.acknowledge(second)).isTrue();
    }

    @Test
    void aRenewedLeaseOutlivesItsFirstExpiry() throws InterruptedException {
        queue.offer(List.of(tasks.queued("t", Priority.NORMAL)));
        Lease lease = queue.take(1, LEASE, NO_WAIT).getFirst();
        clock.advance(LEASE.minusSeconds(1));

        assertThat(queue.renew(lease, LEASE)).isTrue();
        clock.advance(Duration.ofSeconds(2));

        assertThat(queue.take(1, LEASE, NO_WAIT)).isEmpty();
        assertThat(queue.acknowledge(lease)).isTrue();
    }

    @Test
    void anAcknowledgedTaskIsGoneForGood() throws InterruptedException {
        queue.offer(List.of(tasks.queued("t", Priority.NORMAL)));
        Lease lease = queue.take(1, LEASE, NO_WAIT).getFirst();

        assertThat(queue.acknowledge(lease)).isTrue();
        clock.advance(LEASE.multipliedBy(2));

        assertThat(queue.take(1, LEASE, NO_WAIT)).isEmpty();
        assertThat(queue.leased()).isZero();
        assertThat(queue.acknowledge(lease)).isFalse();
    }

    @Test
    void aQueuedTaskCanBeRemovedButALeasedOneCannot() throws InterruptedException {
        Task waiting = tasks.queued("t", Priority.LOW);
        Task taken = tasks.queued("t", Priority.HIGH);
        queue.offer(List.of(waiting, taken));
        queue.take(1, LEASE, NO_WAIT);

        assertThat(queue.remove(taken.id())).isFalse();
        assertThat(queue.remove(waiting.id())).isTrue();
        assertThat(queue.remove("no-such-task")).isFalse();
        assertThat(queue.take(1, LEASE, NO_WAIT)).isEmpty();
        assertThat(queue.readyDepth()).containsEntry(Priority.LOW, 0);
    }

    @Test
    void offeringAQueuedTaskAgainReplacesItsCopy() throws InterruptedException {
        Task original = tasks.queued("t", Priority.NORMAL);
        Task newer = original.started(clock.now()).failed(clock.now(), "retry", clock.now());
        queue.offer(List.of(original));
        queue.offer(List.of(newer));

        List<Lease> leases = queue.take(5, LEASE, NO_WAIT);

        assertThat(leases).extracting(Lease::task).containsExactly(newer);
    }

    @Test
    void readyDepthCountsEveryPriority() {
        queue.offer(List.of(tasks.queued("t", Priority.LOW), tasks.queued("t", Priority.LOW),
                tasks.queued("t", Priority.CRITICAL)));

        assertThat(queue.readyDepth()).isEqualTo(
                Map.of(Priority.CRITICAL, 1, Priority.HIGH, 0, Priority.NORMAL, 0, Priority.LOW, 2));
    }

    @Test
    void aWaitingTakerWakesWhenATaskIsOffered() throws Exception {
        Task task = tasks.queued("t", Priority.NORMAL);
        try (ExecutorService threads = Executors.newSingleThreadExecutor()) {
            Future<List<Lease>> taken = threads.submit(() -> queue.take(1, LEASE, Duration.ofSeconds(10)));
            Thread.sleep(50);
            queue.offer(List.of(task));

            assertThat(taken.get(5, TimeUnit.SECONDS)).extracting(l -> l.task().id()).containsExactly(task.id());
        }
    }

    @Test
    void concurrentTakersNeverShareATask() throws Exception {
        int count = 4_000;
        for (int i = 0; i < count; i++) {
            queue.offer(List.of(tasks.queued("t", Priority.values()[i % 4])));
        }
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> takers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                takers.add(threads.submit(() -> drainInto(seen)));
            }
            int total = 0;
            for (Future<Integer> taker : takers) {
                total += taker.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(count);
            assertThat(seen).hasSize(count);
        }
    }

    private int drainInto(Set<String> seen) throws InterruptedException {
        int taken = 0;
        List<Lease> batch;
        while (!(batch = queue.take(7, LEASE, NO_WAIT)).isEmpty()) {
            for (Lease lease : batch) {
                seen.add(lease.task().id());
                queue.acknowledge(lease);
                taken++;
            }
        }
        return taken;
    }

    private List<String> takeIds(int count) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            queue.take(1, LEASE, NO_WAIT).forEach(lease -> ids.add(lease.task().id()));
        }
        return ids;
    }
}
