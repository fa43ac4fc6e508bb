package dev.aegis.core.task.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.task.Lease;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.TaskQueue;
import dev.aegis.testkit.ManualClock;
import dev.aegis.testkit.task.TaskFixtures;
import dev.aegis.testkit.task.TaskQueueContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryTaskQueueTest extends TaskQueueContract {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Override
    protected TaskQueue createQueue(ManualClock clock) {
        return new InMemoryTaskQueue(clock, 0);
    }

    @Test
    void aShareLetsTheOldestLowerPriorityThroughAfterEnoughPassOvers() throws InterruptedException {
        TaskFixtures tasks = new TaskFixtures();
        ManualClock clock = new ManualClock(tasks.later(0));
        try (InMemoryTaskQueue queue = new InMemoryTaskQueue(clock, 0.25)) {
            for (int i = 0; i < 10; i++) {
                queue.offer(List.of(tasks.queued("t", Priority.LOW)));
            }
            clock.advance(Duration.ofSeconds(1));
            for (int i = 0; i < 10; i++) {
                queue.offer(List.of(tasks.queued("t", Priority.HIGH), tasks.queued("t", Priority.NORMAL)));
            }

            List<Priority> order = takeAll(queue, 8);

            assertThat(order).containsExactly(Priority.HIGH, Priority.HIGH, Priority.HIGH, Priority.LOW,
                    Priority.HIGH, Priority.HIGH, Priority.HIGH, Priority.LOW);
        }
    }

    @Test
    void criticalIsNeverPassedOverForTheShare() throws InterruptedException {
        TaskFixtures tasks = new TaskFixtures();
        try (InMemoryTaskQueue queue = new InMemoryTaskQueue(new ManualClock(tasks.later(0)), 0.5)) {
            for (int i = 0; i < 5; i++) {
                queue.offer(List.of(tasks.queued("t", Priority.LOW), tasks.queued("t", Priority.CRITICAL)));
            }

            assertThat(takeAll(queue, 6)).containsExactly(Priority.CRITICAL, Priority.CRITICAL, Priority.CRITICAL,
                    Priority.CRITICAL, Priority.CRITICAL, Priority.LOW);
        }
    }

    @Test
    void aShareAboveOneHalfIsRefused() {
        assertThatThrownBy(() -> new InMemoryTaskQueue(new ManualClock(), 0.75))
                .hasMessageContaining("from 0 to 0.5");
    }

    private static List<Priority> takeAll(InMemoryTaskQueue queue, int count) throws InterruptedException {
        List<Priority> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            for (Lease lease : queue.take(1, LEASE, Duration.ZERO)) {
                order.add(lease.task().priority());
            }
        }
        return order;
    }
}
