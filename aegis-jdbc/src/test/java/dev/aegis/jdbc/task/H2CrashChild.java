package dev.aegis.jdbc.task;

import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskUpdate;
import dev.aegis.testkit.task.TaskFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM that {@link H2DurabilityTest} kills: creates tasks in batches in the embedded store at {@code args[0]},
 * moves each to RUNNING in one more batch, says "written" and halts at once, without closing anything.
 */
final class H2CrashChild {

    static final String WRITTEN = "written";

    private H2CrashChild() {
    }

    public static void main(String[] args) {
        int count = Integer.parseInt(args[1]);
        JdbcTaskStore store = JdbcTaskStore.h2(Path.of(args[0]));
        TaskFixtures fixtures = new TaskFixtures();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(fixtures.queued("t" + i % 3, Priority.NORMAL));
        }
        for (int from = 0; from < count; from += 100) {
            store.create(tasks.subList(from, Math.min(count, from + 100)));
        }
        store.update(tasks.stream().map(task -> TaskUpdate.of(task.started(fixtures.later(1)))).toList());
        System.out.println(WRITTEN);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
