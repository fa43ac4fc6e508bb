package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster bar: two {@code aegis serve} nodes in cluster mode on one PostgreSQL database (and the local Redis)
 * share 10,000 tasks; one node is killed with SIGKILL while it runs them; every accepted task ends SUCCEEDED exactly
 * once, none is missing, and the survivor finishes the dead node's work without a restart.
 */
class ClusterKillNineIT {

    private static final String KEY = "cluster-test-key";
    private static final int TASKS = 10_000;
    private static final int SUBMITTERS = 32;

    private final List<ServeProcess> nodes = new ArrayList<>();

    @TempDir
    Path folder;

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() throws SQLException {
        database = TestDatabase.create("aegis_cluster_it");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        database.drop();
    }

    @AfterEach
    void killNodes() {
        nodes.forEach(ServeProcess::close);
    }

    @Test
    void twoNodesRunEveryTaskOnceWhenOneIsKilledMidway() throws Exception {
        ServeProcess doomed = startNode("doomed");
        ServeProcess survivor = startNode("survivor");
        Set<String> accepted = submit(List.of(doomed, survivor));
        assertThat(accepted).hasSize(TASKS);
        await().atMost(Duration.ofSeconds(120)).until(() -> count("status = 'SUCCEEDED'") > TASKS / 10
                && count("status = 'RUNNING'") > 0);

        doomed.killNine();

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("status = 'SUCCEEDED'") == TASKS);
        assertThat(storedIds()).isEqualTo(accepted);
        assertThat(count("(LENGTH(history) - LENGTH(REPLACE(history, '\"SUCCEEDED\"', ''))) <> 11"))
                .as("tasks whose history has other than one SUCCEEDED").isZero();
        assertThat(count("attempts > 1")).as("tasks the survivor took over from the killed node").isPositive();
        await().atMost(Duration.ofSeconds(30)).until(() -> queued() == 0);
    }

    private ServeProcess startNode(String name) throws IOException {
        ServeProcess node = ServeProcess.startClusterNode(folder, name, KEY, 100, database.url(), "5s",
                database.name() + ":");
        nodes.add(node);
        return node;
    }

    private Set<String> submit(List<ServeProcess> targets) throws Exception {
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        try (ExecutorService submitters = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < SUBMITTERS; s++) {
                int from = s;
                ServeProcess target = targets.get(s % targets.size());
                done.add(submitters.submit(() -> IntStream.iterate(from, i -> i < TASKS, i -> i + SUBMITTERS)
                        .forEach(i -> accepted.add(submit(target, i)))));
            }
            for (Future<?> each : done) {
                each.get();
            }
        }
        return accepted;
    }

    private static String submit(ServeProcess node, int n) {
        String body = """
                {"agent": "sleep", "priority": "%s", "input": {"ms": 500, "n": %d}}"""
                .formatted(List.of("critical", "high", "normal", "low").get(n % 4), n);
        HttpResponse<String> response = node.post("/v1/tasks", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return ServeProcess.read(response.body()).get("id").asText();
    }

    private static int count(String condition) throws SQLException {
        return database.count("SELECT COUNT(*) FROM task_states WHERE " + condition);
    }

    private static int queued() throws SQLException {
        return database.count("SELECT COUNT(*) FROM task_queue");
    }

    private static Set<String> storedIds() throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM tasks")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
