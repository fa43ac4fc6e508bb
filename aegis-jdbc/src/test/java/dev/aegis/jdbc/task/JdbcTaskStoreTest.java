package dev.aegis.jdbc.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskStoreException;
import dev.aegis.api.task.TaskTarget;
import dev.aegis.jdbc.JdbcSettings;
import dev.aegis.testkit.task.TaskFixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the relational store adds to the contract: failures, precision, and races on idempotency keys. */
class JdbcTaskStoreTest {

    private final TaskFixtures tasks = new TaskFixtures();
    private final JdbcSettings settings = JdbcSettings.h2InMemory();
    private final JdbcTaskStore store = JdbcTaskStore.open(settings);

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aBatchThatFailsWritesNothingAndSaysWhatFailed() {
        Task first = tasks.queued("t1", Priority.NORMAL);
        Task clash = tasks.queued("t1", Priority.NORMAL);
        Task sameIdAsFirst = Task.create(first.id(), "t1", TaskTarget.agent("echo"), Priority.LOW, tasks.json("{}"),
                Optional.empty(), 1, Duration.ofSeconds(1), tasks.later(0));

        assertThatThrownBy(() -> store.create(List.of(first, clash, sameIdAsFirst)))
                .isInstanceOf(TaskStoreException.class)
                .hasMessageStartingWith("cannot create 3 tasks in " + settings.location());

        assertThat(store.find("t1", first.id())).isEmpty();
        assertThat(store.find("t1", clash.id())).isEmpty();
    }

    @Test
    void anUnreachableDatabaseIsATaskStoreExceptionThatNamesIt() {
        JdbcSettings nowhere = new JdbcSettings("jdbc:postgresql://127.0.0.1:1/aegis", "aegis", "secret", 1);

        assertThatThrownBy(() -> JdbcTaskStore.open(nowhere))
                .isInstanceOf(TaskStoreException.class)
                .hasMessageContaining("cannot connect to jdbc:postgresql://127.0.0.1:1/aegis")
                .hasMessageNotContaining("secret");
    }

    @Test
    void aClosedStoreFailsWithATaskStoreException() {
        JdbcTaskStore closed = JdbcTaskStore.h2InMemory();
        closed.close();

        assertThatThrownBy(() -> closed.find("t1", "task-1"))
                .isInstanceOf(TaskStoreException.class)
                .hasMessageStartingWith("cannot find task task-1 in jdbc:h2:mem:aegis-");
    }

    @Test
    void instantsKeepMicrosecondsAndDropFinerDigits() {
        Instant now = Instant.parse("2026-03-01T12:00:00.123456789Z");
        Task task = Task.create("task-1", "t1", TaskTarget.agent("echo"), Priority.HIGH, tasks.json("[1,2]"),
                Optional.empty(), 1, Duration.ofMillis(1), now);
        store.create(List.of(task));

        Task stored = store.find("t1", "task-1").orElseThrow();

        Instant micros = Instant.parse("2026-03-01T12:00:00.123456Z");
        assertThat(stored.createdAt()).isEqualTo(micros);
        assertThat(stored.runAt()).isEqualTo(micros);
        assertThat(stored.history().getFirst().at()).isEqualTo(micros);
    }

    @Test
    void aKeyThatAConcurrentWriterStoresFirstAnswersThatWritersTask() throws Exception {
        Task theirs = tasks.withKey("t1", "order-9");
        Task mine = tasks.withKey("t1", "order-9");
        try (Connection other = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
            other.setAutoCommit(false);
            RivalWriter.insert(other, theirs);
            FutureTask<List<Task>> created = new FutureTask<>(() -> store.create(List.of(mine)));
            Thread.ofPlatform().start(created);
            awaitInsertWaitingFor(other);
            other.commit();

            assertThat(created.get(10, TimeUnit.SECONDS)).containsExactly(theirs);
        }
        assertThat(store.find("t1", mine.id())).isEmpty();
    }

    /** Until the store inserts, having looked for the key and not seen it: the insert waits for the key's lock. */
    private static void awaitInsertWaitingFor(Connection other) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (PreparedStatement inserting = other.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS "
                + "WHERE EXECUTING_STATEMENT LIKE 'INSERT INTO tasks%'")) {
            while (!inserting(inserting)) {
                assertThat(System.nanoTime()).as("the store's insert starts").isLessThan(deadline);
                Thread.sleep(1);
            }
        }
    }

    private static boolean inserting(PreparedStatement inserting) throws SQLException {
        try (ResultSet count = inserting.executeQuery()) {
            return count.next() && count.getInt(1) > 0;
        }
    }
}
