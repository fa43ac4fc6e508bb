package dev.aegis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.core.cache.CaffeineCache;
import dev.aegis.testkit.ManualClock;
import dev.aegis.testkit.task.TaskFixtures;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FinishedTasksTest {

    private final TaskFixtures tasks = new TaskFixtures();
    private final ManualClock clock = new ManualClock(tasks.later(0));
    private final FinishedTasks finished = new FinishedTasks(new CaffeineCache(Duration.ofMinutes(1), 100, clock));

    @Test
    void aFinishedTaskIsAnsweredFromTheCacheNextTime() {
        Task done = tasks.queued("acme", Priority.NORMAL).started(clock.now())
                .succeeded(clock.now(), tasks.json("{\"score\":0.1}"));

        byte[] first = finished.answer(done);

        assertThat(finished.find("acme", done.id())).hasValueSatisfying(cached -> assertThat(cached).isEqualTo(first));
    }

    @Test
    void aTaskStillMovingIsNeverCached() {
        Task running = tasks.queued("acme", Priority.NORMAL).started(clock.now());

        finished.answer(running);

        assertThat(finished.find("acme", running.id())).isEmpty();
    }

    @Test
    void anotherTenantDoesNotFindTheEntry() {
        Task cancelled = tasks.queued("acme", Priority.LOW).cancelled(clock.now());
        finished.answer(cancelled);

        assertThat(finished.find("globex", cancelled.id())).isEmpty();
    }
}
