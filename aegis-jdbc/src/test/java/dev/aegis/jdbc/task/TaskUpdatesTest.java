package dev.aegis.jdbc.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.task.Priority;
import dev.aegis.api.task.TaskUpdate;
import dev.aegis.testkit.task.TaskFixtures;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading the update counts of a batch. */
class TaskUpdatesTest {

    private final TaskFixtures tasks = new TaskFixtures();
    private final List<TaskUpdate> updates = List.of(started(), started(), started());

    @Test
    void anUpdateThatChangedNoRowIsStale() {
        assertThat(TaskUpdates.stale(new int[] {1, 0, 1}, updates)).contains(Set.of(updates.get(1).task().id()));
    }

    @Test
    void countsThatTheDriverDidNotKeepLeaveTheStaleOnesUnknown() {
        assertThat(TaskUpdates.stale(new int[] {1, Statement.SUCCESS_NO_INFO, 0}, updates)).isEmpty();
    }

    private TaskUpdate started() {
        return TaskUpdate.of(tasks.queued("t1", Priority.NORMAL).started(tasks.later(1)));
    }
}
