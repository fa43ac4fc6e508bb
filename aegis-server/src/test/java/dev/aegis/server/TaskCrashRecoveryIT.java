package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability bar: a node is killed with SIGKILL while it runs 5,000 sleep tasks, a new node starts on the same
 * data folder, and every task accepted with 202 ends terminal, none is missing, none succeeded twice.
 */
class TaskCrashRecoveryIT {

    private static final String KEY = "crash-test-key";
    private static final int TASKS = 5_000;
    private static final int SUBMITTERS = 32;

    private final List<ServeProcess> nodes = new ArrayList<>();

    @TempDir
    Path folder;

    private int port;
    private ServeProcess node;

    @AfterEach
    void killNodes() {
        nodes.forEach(ServeProcess::close);
    }

    @Test
    void everyAcceptedTaskEndsTerminalExactlyOnceAfterKillNine() throws Exception {
        Path config = writeConfig();
        ServeProcess first = startNode(config, "first");
        Set<String> accepted = submitSleepTasks();
        assertThat(accepted).hasSize(TASKS);
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SUCCEEDED") > 0 && count("RUNNING") > 0);

        first.killNine();
        startNode(config, "second");

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("QUEUED") == 0 && count("RUNNING") == 0 && count("FAILED") == 0);
        List<JsonNode> tasks = fetchAll(accepted);
        assertThat(tasks).hasSize(TASKS);
        assertThat(tasks).allSatisfy(task -> {
            assertThat(task.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(succeededEntries(task)).isEqualTo(1);
        });
        assertThat(tasks).anySatisfy(task -> assertThat(task.get("attempts").asInt()).isGreaterThan(1));
    }

    private Path writeConfig() throws IOException {
        port = ServeProcess.freePort();
        Path config = folder.resolve("aegis.yaml");
        Files.writeString(config, """
                server:
                  host: 127.0.0.1
                  port: %d
                  data_dir: %s
                  warmup: 0s
                  shutdown_grace: 1s
                tasks:
                  autoscaler:
                    min_replicas: 100
                    max_replicas: 100
                """.formatted(port, folder.resolve("data")));
        return config;
    }

    private ServeProcess startNode(Path config, String name) throws IOException {
        node = ServeProcess.start(config, port, KEY, folder.resolve(name + ".log"), Map.of());
        nodes.add(node);
        return node;
    }

    private Set<String> submitSleepTasks() throws Exception {
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        try (ExecutorService submitters = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < SUBMITTERS; s++) {
                int from = s;
                done.add(submitters.submit(() -> IntStream.iterate(from, i -> i < TASKS, i -> i + SUBMITTERS)
                        .forEach(i -> accepted.add(submit(i)))));
            }
            for (Future<?> each : done) {
                each.get();
            }
        }
        return accepted;
    }

    private String submit(int n) {
        String body = """
                {"agent": "sleep", "priority": "%s", "input": {"ms": 100, "n": %d}}"""
                .formatted(List.of("critical", "high", "normal", "low").get(n % 4), n);
        HttpResponse<String> response = node.post("/v1/tasks", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return ServeProcess.read(response.body()).get("id").asText();
    }

    private int count(String status) {
        HttpResponse<String> response = node.get("/v1/tasks?limit=1&status=" + status);
        return ServeProcess.read(response.body()).get("tasks").size();
    }

    private List<JsonNode> fetchAll(Set<String> ids) {
        return ids.parallelStream().map(id -> node.get("/v1/tasks/" + id))
                .filter(response -> response.statusCode() == 200)
                .map(response -> ServeProcess.read(response.body())).toList();
    }

    private static long succeededEntries(JsonNode task) {
        long count = 0;
        for (JsonNode transition : task.get("history")) {
            count += "SUCCEEDED".equals(transition.get("status").asText()) ? 1 : 0;
        }
        return count;
    }
}
