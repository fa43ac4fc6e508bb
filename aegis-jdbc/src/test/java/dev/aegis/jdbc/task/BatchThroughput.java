package dev.aegis.jdbc.task;

import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskUpdate;
import dev.aegis.jdbc.JdbcSettings;
import dev.aegis.testkit.task.TaskFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/**
 * A quick timing of batch writes, not a test. Step by step: creates {@code rounds} batches of {@code batch} tasks,
 * then moves all to RUNNING, then all to SUCCEEDED, and prints tasks per second for each step. Then whole lives:
 * {@code writers} threads each create a batch, move it to RUNNING and to SUCCEEDED, {@code rounds} times.
 * A warm-up round of each comes first. The store is H2 in the directory given, or the PostgreSQL of a URL
 * (user postgres, no password); see docs/storage.md for the command.
 */
final class BatchThroughput {

    private final JdbcTaskStore store;
    private final int batch;
    private final int rounds;

    private BatchThroughput(JdbcTaskStore store, int batch, int rounds) {
        this.store = store;
        this.batch = batch;
        this.rounds = rounds;
    }

    /** Arguments: a data directory or a jdbc:postgresql: URL, the batch size, the rounds, the writers. */
    public static void main(String[] args) throws Exception {
        JdbcTaskStore store = args[0].startsWith("jdbc:") ? JdbcTaskStore.open(new JdbcSettings(args[0], "postgres",
                "", 8)) : JdbcTaskStore.h2(Path.of(args[0]));
        try (store) {
            BatchThroughput timing = new BatchThroughput(store, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            for (String label : List.of("warm-up", "measured")) {
                timing.stepByStep(label);
                timing.wholeLives(label, Integer.parseInt(args[3]));
            }
        }
    }

    private void stepByStep(String label) {
        TaskFixtures fixtures = new TaskFixtures();
        List<List<Task>> queued = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            queued.add(newBatch(fixtures, label));
        }
        long started = System.nanoTime();
        queued.forEach(store::create);
        report(label + ": create", started, batch * rounds);
        List<List<Task>> running = timedMove(queued, task -> task.started(fixtures.later(1)), label + ": RUNNING");
        timedMove(running, task -> task.succeeded(fixtures.later(2), fixtures.json("{}")), label + ": SUCCEEDED");
    }

    private void wholeLives(String label, int writers) throws Exception {
        long started = System.nanoTime();
        try (ExecutorService threads = Executors.newFixedThreadPool(writers)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String prefix = label + "-writer-" + i;
                done.add(threads.submit(() -> livesOf(prefix)));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        }
        report(label + ": lives, " + writers + " writers", started, batch * rounds * writers);
    }

    private void livesOf(String prefix) {
        TaskFixtures fixtures = new TaskFixtures();
        for (int i = 0; i < rounds; i++) {
            List<Task> queued = newBatch(fixtures, prefix);
            store.create(queued);
            List<Task> running = move(queued, task -> task.started(fixtures.later(1)));
            move(running, task -> task.succeeded(fixtures.later(2), fixtures.json("{}")));
        }
    }

    private List<Task> newBatch(TaskFixtures fixtures, String prefix) {
        List<Task> tasks = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            Task task = fixtures.queued("tenant-" + i % 8, Priority.values()[i % 4]);
            tasks.add(Task.create(prefix + "-" + task.id(), task.tenant(), task.target(), task.priority(),
                    task.input(), task.idempotencyKey(), task.maxAttempts(), task.timeout(), task.createdAt()));
        }
        return tasks;
    }

    private List<List<Task>> timedMove(List<List<Task>> batches, UnaryOperator<Task> change, String label) {
        List<List<Task>> moved = batches.stream().map(tasks -> tasks.stream().map(change).toList()).toList();
        long started = System.nanoTime();
        moved.forEach(tasks -> store.update(tasks.stream().map(TaskUpdate::of).toList()));
        report(label, started, batch * rounds);
        return moved;
    }

    private List<Task> move(List<Task> tasks, UnaryOperator<Task> change) {
        List<Task> moved = tasks.stream().map(change).toList();
        store.update(moved.stream().map(TaskUpdate::of).toList());
        return moved;
    }

    private static void report(String label, long startedNanos, int tasks) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        System.out.printf("%-32s %,9d tasks in %6.2f s: %,8.0f tasks/s%n", label, tasks, seconds, tasks / seconds);
    }
}
