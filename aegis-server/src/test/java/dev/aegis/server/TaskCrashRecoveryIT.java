package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "crash-test-key";
    private static final int TASKS = 5_000;
    private static final int SUBMITTERS = 32;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> nodes = new ArrayList<>();

    @TempDir
    Path folder;

    private int port;

    @AfterEach
    void killNodes() {
        nodes.forEach(Process::destroyForcibly);
    }

    @Test
    void everyAcceptedTaskEndsTerminalExactlyOnceAfterKillNine() throws Exception {
        Path config = writeConfig();
        Process first = startNode(config, "first");
        Set<String> accepted = submitSleepTasks();
        assertThat(accepted).hasSize(TASKS);
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SUCCEEDED") > 0 && count("RUNNING") > 0);

        first.destroyForcibly().waitFor();
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
        port = freePort();
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

    private Process startNode(Path config, String name) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.aegis.server.cli.AegisCommand", "serve", "--config", config.toString());
        builder.environment().put("AEGIS_BOOTSTRAP_KEY", KEY);
        builder.redirectErrorStream(true).redirectOutput(folder.resolve(name + ".log").toFile());
        Process node = builder.start();
        nodes.add(node);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> get("/health").statusCode() == 200);
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
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/tasks"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return read(response.body()).get("id").asText();
    }

    private int count(String status) {
        HttpResponse<String> response = get("/v1/tasks?limit=1&status=" + status);
        return read(response.body()).get("tasks").size();
    }

    private List<JsonNode> fetchAll(Set<String> ids) {
        return ids.parallelStream().map(id -> get("/v1/tasks/" + id))
                .filter(response -> response.statusCode() == 200).map(response -> read(response.body())).toList();
    }

    private static long succeededEntries(JsonNode task) {
        long count = 0;
        for (JsonNode transition : task.get("history")) {
            count += "SUCCEEDED".equals(transition.get("status").asText()) ? 1 : 0;
        }
        return count;
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + KEY).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
