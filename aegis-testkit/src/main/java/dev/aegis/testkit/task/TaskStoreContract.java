package dev.aegis.testkit.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskPage;
import dev.aegis.api.task.TaskQuery;
import dev.aegis.api.task.TaskStatus;
import dev.aegis.api.task.TaskStore;
import dev.aegis.api.task.TaskUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TaskStore} adapter must show, the embedded one included. An adapter's test extends
 * this class and says how to open a fresh, empty store.
 */
public abstract class TaskStoreContract {

    private final TaskFixtures tasks = new TaskFixtures();
    private TaskStore store;

    /** A fresh, empty store; each test opens its own and this suite closes it. */
    protected abstract TaskStore createStore();

    @BeforeEach
    void openStore() {
        store = createStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aCreatedTaskIsFoundAsItWasGivenWithItsHistory() {
        Task task = tasks.queued("t1", Priority.HIGH);

        assertThat(store.create(List.of(task))).containsExactly(task);

        assertThat(store.find("t1", task.id())).contains(task);
    }

    @Test
    void anotherTenantDoesNotFindTheTask() {
        Task task = tasks.queued("t1", Priority.NORMAL);
        store.create(List.of(task));

        assertThat(store.find("t2", task.id())).isEmpty();
        assertThat(store.find("t1", "no-such-id")).isEmpty();
    }

    @Test
    void theSameIdempotencyKeyAnswersTheFirstTaskAndStoresNoSecond() {
        Task first = tasks.withKey("t1", "order-7");
        Task second = tasks.withKey("t1", "order-7");
        store.create(List.of(first));

        assertThat(store.create(List.of(second))).containsExactly(first);

        assertThat(store.find("t1", second.id())).isEmpty();
    }

    @Test
    void aRepeatedKeyInsideOneBatchStoresOneTask() {
        Task first = tasks.withKey("t1", "k");
        Task second = tasks.withKey("t1", "k");
        Task other = tasks.withKey("t1", "other");

        assertThat(store.create(List.of(first, second, other))).containsExactly(first, first, other);
    }

    @Test
    void idempotencyKeysBelongToOneTenant() {
        Task mine = tasks.withKey("t1", "k");
        Task theirs = tasks.withKey("t2", "k");

        assertThat(store.create(List.of(mine, theirs))).containsExactly(mine, theirs);
    }

    @Test
    void anUpdateAtTheExpectedVersionIsWrittenWithItsHistory() {
        Task created = tasks.queued("t1", Priority.NORMAL);
        store.create(List.of(created));
        Task running = created.started(tasks.later(1));
        Task done = running.succeeded(tasks.later(2), tasks.json("{\"answer\":42}"));

        assertThat(store.update(List.of(TaskUpdate.of(running)))).isEmpty();
        assertThat(store.update(List.of(TaskUpdate.of(done)))).isEmpty();

        Task stored = store.find("t1", created.id()).orElseThrow();
        assertThat(stored).isEqualTo(done);
        assertThat(stored.history()).extracting(t -> t.status())
                .containsExactly(TaskStatus.QUEUED, TaskStatus.RUNNING, TaskStatus.SUCCEEDED);
    }

    @Test
    void severalMovesMayBeWrittenAsOneUpdate() {
        Task created = tasks.queued("t1", Priority.NORMAL);
        store.create(List.of(created));
        Task done = created.started(tasks.later(1)).succeeded(tasks.later(2), tasks.json("1"));

        assertThat(store.update(List.of(new TaskUpdate(done, created.version())))).isEmpty();

        assertThat(store.find("t1", created.id())).contains(done);
    }

    @Test
    void aStaleUpdateIsRefusedAndChangesNothing() {
        Task created = tasks.queued("t1", Priority.NORMAL);
        store.create(List.of(created));
        Task running = created.started(tasks.later(1));
        store.update(List.of(TaskUpdate.of(running)));
        Task cancelledFromStaleCopy = created.cancelled(tasks.later(2));

        assertThat(store.update(List.of(TaskUpdate.of(cancelledFromStaleCopy)))).containsExactly(created.id());

        assertThat(store.find("t1", created.id())).contains(running);
    }

    @Test
    void aBatchWritesTheCurrentUpdatesAndNamesOnlyTheStaleOnes() {
        Task a = tasks.queued("t1", Priority.NORMAL);
        Task b = tasks.queued("t1", Priority.NORMAL);
        store.create(List.of(a, b));
        store.update(List.of(TaskUpdate.of(b.started(tasks.later(1)))));
        Task missing = tasks.queued("t1", Priority.LOW).started(tasks.later(1));

        Set<String> stale = store.update(List.of(TaskUpdate.of(a.started(tasks.later(2))),
                TaskUpdate.of(b.started(tasks.later(2))), TaskUpdate.of(missing)));

        assertThat(stale).containsExactlyInAnyOrder(b.id(), missing.id());
        assertThat(store.find("t1", a.id()).orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void resultsAndErrorsSurviveTheRoundTrip() {
        Task created = tasks.queued("t1", Priority.CRITICAL);
        store.create(List.of(created));
        Task failed = created.started(tasks.later(1)).failed(tasks.later(2), "planned failure 1 of 2",
                tasks.later(10));
        Task dead = failed.started(tasks.later(11)).dead(tasks.later(12), "no attempts left");
        store.update(List.of(new TaskUpdate(failed, created.version())));
        store.update(List.of(new TaskUpdate(dead, failed.version())));

        Task stored = store.find("t1", created.id()).orElseThrow();
        assertThat(stored).isEqualTo(dead);
        assertThat(stored.error()).contains("no attempts left");
        assertThat(stored.history().get(2).detail()).contains("planned failure 1 of 2");
    }

    @Test
    void listingIsNewestFirstAndPagesWithTheCursor() {
        List<Task> created = createMany("t1", 7);
        store.create(List.of(tasks.queued("t2", Priority.NORMAL)));

        TaskPage first = store.list("t1", new TaskQuery(Optional.empty(), Optional.empty(), 3, Optional.empty()));
        TaskPage second = store.list("t1", new TaskQuery(Optional.empty(), Optional.empty(), 3, first.nextCursor()));
        TaskPage third = store.list("t1", new TaskQuery(Optional.empty(), Optional.empty(), 3, second.nextCursor()));

        List<Task> all = new ArrayList<>(first.tasks());
        all.addAll(second.tasks());
        all.addAll(third.tasks());
        assertThat(all).containsExactlyElementsOf(created.reversed());
        assertThat(third.nextCursor()).isEmpty();
    }

    @Test
    void listingFiltersByStatusAndPriority() {
        Task low = tasks.queued("t1", Priority.LOW);
        Task high = tasks.queued("t1", Priority.HIGH);
        Task highRunning = tasks.queued("t1", Priority.HIGH);
        store.create(List.of(low, high, highRunning));
        store.update(List.of(TaskUpdate.of(highRunning.started(tasks.later(1)))));

        TaskPage page = store.list("t1",
                new TaskQuery(Optional.of(TaskStatus.QUEUED), Optional.of(Priority.HIGH), 10, Optional.empty()));

        assertThat(page.tasks()).containsExactly(high);
    }

    @Test
    void unfinishedAnswersEveryNonTerminalTaskOfEveryTenantInIdOrder() {
        Task queued = tasks.queued("t1", Priority.LOW);
        Task running = tasks.queued("t2", Priority.HIGH);
        Task failed = tasks.queued("t1", Priority.NORMAL);
        Task done = tasks.queued("t1", Priority.NORMAL);
        store.create(List.of(queued, running, failed, done));
        store.update(List.of(TaskUpdate.of(running.started(tasks.later(1))),
                new TaskUpdate(failed.started(tasks.later(1)).failed(tasks.later(2), "x", tasks.later(3)),
                        failed.version()),
                new TaskUpdate(done.started(tasks.later(1)).succeeded(tasks.later(2), tasks.json("{}")),
                        done.version())));

        List<Task> first = store.unfinished(Optional.empty(), 2);
        List<Task> rest = store.unfinished(Optional.of(first.getLast().id()), 10);

        assertThat(first).extracting(Task::id).containsExactly(queued.id(), running.id());
        assertThat(rest).extracting(Task::id).containsExactly(failed.id());
    }

    @Test
    void concurrentUpdatesFromOneVersionLetExactlyOneWin() throws Exception {
        Task created = tasks.queued("t1", Priority.NORMAL);
        store.create(List.of(created));
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<Set<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                answers.add(threads.submit(() -> store.update(List.of(TaskUpdate.of(created.started(tasks.later(n)))))));
            }
            int written = 0;
            for (Future<Set<String>> answer : answers) {
                written += answer.get().isEmpty() ? 1 : 0;
            }
            assertThat(written).isEqualTo(1);
        }
    }

    @Test
    void aLargeBatchIsStoredWhole() {
        List<Task> many = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            many.add(tasks.queued("t1", Priority.values()[i % 4]));
        }

        assertThat(store.create(many)).containsExactlyElementsOf(many);

        assertThat(store.unfinished(Optional.empty(), 5_000)).hasSize(2_000);
    }

    @Test
    void anUpdateCannotBeMadeFromANewerVersionThanItReplaces() {
        Task created = tasks.queued("t1", Priority.NORMAL);

        assertThatThrownBy(() -> new TaskUpdate(created, created.version()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTimeoutAndMaxAttemptsAreKept() {
        Task task = tasks.queued("t1", Priority.NORMAL, 5, Duration.ofMillis(2_500));
        store.create(List.of(task));

        Task stored = store.find("t1", task.id()).orElseThrow();
        assertThat(stored.maxAttempts()).isEqualTo(5);
        assertThat(stored.timeout()).isEqualTo(Duration.ofMillis(2_500));
    }

    private List<Task> createMany(String tenant, int count) {
        List<Task> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            created.add(tasks.queued(tenant, Priority.NORMAL));
        }
        store.create(created);
        return created;
    }
}
