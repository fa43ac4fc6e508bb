package dev.aegis.jdbc.task;

import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskUpdate;
import dev.aegis.testkit.task.TaskFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A quick timing of batch writes on the embedded store, not a test: creates {@code rounds} batches of
 * {@code batch} tasks, then moves each to RUNNING and then to SUCCEEDED in batches of the same size, and prints
 * tasks per second for each step and the size of the file.
 *
 * <pre>java -cp "$(cat cp.txt):aegis-jdbc/target/classes:aegis-jdbc/target/test-classes" \
 *     dev.aegis.jdbc.task.BatchThroughput /tmp/aegis-bench 1000 200</pre>
 */
final class BatchThroughput {

    private BatchThroughput() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int batch = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        try (JdbcTaskStore store = JdbcTaskStore.h2(dir)) {
            TaskFixtures fixtures = new TaskFixtures();
            run(store, fixtures, batch, rounds / 4, "warm-up");
            run(store, fixtures, batch, rounds, "measured");
        }
        System.out.printf("file: %.1f MiB%n", Files.size(dir.resolve("aegis.mv.db")) / 1048576.0);
    }

    private static void run(JdbcTaskStore store, TaskFixtures fixtures, int batch, int rounds, String label) {
        List<List<Task>> batches = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            List<Task> tasks = new ArrayList<>(batch);
            for (int j = 0; j < batch; j++) {
                tasks.add(fixtures.queued("tenant-" + (j % 8), Priority.values()[j % 4]));
            }
            batches.add(tasks);
        }
        long started = System.nanoTime();
        batches.forEach(store::create);
        report(label + " create", started, batch * rounds);
        batches = move(store, batches, task -> task.started(fixtures.later(1)), label + " update to RUNNING");
        move(store, batches, task -> task.succeeded(fixtures.later(2), fixtures.json("{\"ok\":true}")),
                label + " update to SUCCEEDED");
    }

    private static List<List<Task>> move(JdbcTaskStore store, List<List<Task>> batches, UnaryOperator<Task> move,
            String label) {
        List<List<Task>> moved = batches.stream().map(tasks -> tasks.stream().map(move).toList()).toList();
        long started = System.nanoTime();
        for (List<Task> tasks : moved) {
            store.update(tasks.stream().map(TaskUpdate::of).toList());
        }
        report(label, started, moved.size() * moved.getFirst().size());
        return moved;
    }

    private static void report(String label, long startedNanos, int tasks) {
        double seconds = Duration.ofNanos(System.nanoTime() - startedNanos).toNanos() / 1e9;
        System.out.printf("%-32s %,9d tasks in %6.2f s: %,9.0f tasks/s%n", label, tasks, seconds, tasks / seconds);
    }
}
