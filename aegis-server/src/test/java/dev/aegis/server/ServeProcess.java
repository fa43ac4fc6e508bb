package dev.aegis.server;

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
import java.util.Map;

/**
 * {@code aegis serve} in a child JVM on this test's class path, so that a test can kill it with SIGKILL. Talks to it
 * over HTTP with one API key.
 */
final class ServeProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final String key;

    private ServeProcess(Process process, int port, String key) {
        this.process = process;
        this.port = port;
        this.key = key;
    }

    /** Starts a node on {@code config} that listens on {@code port}, logging to {@code log}; waits for /health. */
    static ServeProcess start(Path config, int port, String key, Path log, Map<String, String> environment)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.aegis.server.cli.AegisCommand", "serve", "--config", config.toString());
        builder.environment().put("AEGIS_BOOTSTRAP_KEY", key);
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        ServeProcess node = new ServeProcess(builder.start(), port, key);
        try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> node.get("/health").statusCode() == 200);
        } catch (RuntimeException | Error e) {
            node.close();
            throw new IllegalStateException("aegis serve did not become healthy; its output is in " + log, e);
        }
        return node;
    }

    /**
     * Starts a node in cluster mode on loopback, configured and logging under {@code folder} as {@code name}: no audit
     * log, 5 s leases renewed every second, {@code workers} workers, the task tables in {@code postgresUrl}, orphans
     * adopted after {@code orphanAge}, Redis keys under {@code redisPrefix}.
     */
    static ServeProcess startClusterNode(Path folder, String name, String key, int workers, String postgresUrl,
            String orphanAge, String redisPrefix) throws IOException {
        return startClusterNode(folder, name, key, freePort(), workers, postgresUrl, orphanAge, redisPrefix, "");
    }

    /** As above, on {@code port}, with {@code moreCluster} (YAML indented as the keys under {@code cluster}) added. */
    static ServeProcess startClusterNode(Path folder, String name, String key, int port, int workers,
            String postgresUrl, String orphanAge, String redisPrefix, String moreCluster) throws IOException {
        Path config = folder.resolve(name + ".yaml");
        Files.writeString(config, """
                server:
                  host: 127.0.0.1
                  port: %d
                  data_dir: %s
                  warmup: 0s
                  shutdown_grace: 1s
                audit:
                  type: none
                tasks:
                  workers:
                    lease: 5s
                    heartbeat: 1s
                  autoscaler:
                    min_replicas: %d
                    max_replicas: %d
                cluster:
                  enabled: true
                  postgres:
                    url: %s
                    orphan_age: %s
                  redis:
                    key_prefix: "%s"
                """.formatted(port, folder.resolve(name), workers, workers, postgresUrl, orphanAge, redisPrefix)
                + moreCluster);
        return start(config, port, key, folder.resolve(name + ".log"), Map.of());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key).GET().build());
    }

    HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void killNine() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
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
}
