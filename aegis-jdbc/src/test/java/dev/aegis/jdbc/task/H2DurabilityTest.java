package dev.aegis.jdbc.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.task.Task;
import dev.aegis.api.task.TaskStatus;
import dev.aegis.jdbc.JdbcSettings;
import dev.aegis.testkit.task.TaskFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store in a file: what was committed is there after a crash and after a restart. */
class H2DurabilityTest {

    private static final int TASKS = 1_000;

    private final TaskFixtures tasks = new TaskFixtures();

    @TempDir
    Path dataDir;

    @TempDir
    Path logs;

    @Test
    void everyCommittedWriteSurvivesTheJvmHaltingRightAfterIt() throws Exception {
        Path log = logs.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), H2CrashChild.class.getName(), dataDir.toString(),
                String.valueOf(TASKS)).redirectErrorStream(true).redirectOutput(log.toFile()).start();

        String output = outputOf(child, log);

        assertThat(output).contains(H2CrashChild.WRITTEN);
        try (JdbcTaskStore store = JdbcTaskStore.h2(dataDir)) {
            List<Task> unfinished = store.unfinished(Optional.empty(), TASKS + 1);
            assertThat(unfinished).hasSize(TASKS).allSatisfy(task -> {
                assertThat(task.status()).isEqualTo(TaskStatus.RUNNING);
                assertThat(task.version()).isEqualTo(2);
            });
        }
    }

    @Test
    void tasksSurviveClosingAndReopeningTheStore() {
        Task task = tasks.withKey("t1", "order-1");
        try (JdbcTaskStore store = JdbcTaskStore.h2(dataDir)) {
            store.create(List.of(task));
        }

        try (JdbcTaskStore store = JdbcTaskStore.h2(dataDir)) {
            assertThat(store.find("t1", task.id())).contains(task);
            assertThat(store.create(List.of(tasks.withKey("t1", "order-1")))).containsExactly(task);
        }
    }

    @Test
    void reopeningTheStoreAppliesEachMigrationOnce() throws SQLException {
        JdbcTaskStore.h2(dataDir).close();
        JdbcTaskStore.h2(dataDir).close();

        try (Connection connection = DriverManager.getConnection(JdbcSettings.h2(dataDir).url(), "sa", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT COUNT(*), MIN(\"success\") FROM \"flyway_schema_history\" WHERE \"version\" = '1'")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
            assertThat(rows.getBoolean(2)).isTrue();
        }
    }

    @Test
    void theDataFileLiesInTheDataDirectory() {
        JdbcTaskStore.h2(dataDir).close();

        assertThat(dataDir.resolve("aegis.mv.db")).isRegularFile();
    }

    private static String outputOf(Process child, Path log) throws IOException, InterruptedException {
        boolean exited = child.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        assertThat(exited).as("the child JVM ended within 60 s; it wrote:%n%s", output).isTrue();
        assertThat(child.exitValue()).as("exit of the child JVM, which wrote:%n%s", output).isZero();
        return output;
    }
}
