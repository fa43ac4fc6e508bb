package dev.aegis.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.api.time.TimeSource;
import dev.aegis.server.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A node on 127.0.0.1 and a free port, started from {@code aegis-test.yaml}, with an HTTP client for it. */
final class TestNode implements AutoCloseable {

    static final String ADMIN_KEY = "test-admin-key";
    static final String AUDITOR_KEY = "auditor-key";
    static final String SUBMITTER_KEY = "submitter-key";
    static final String LOGIN_EVENT = """
            {"subject": "user-42", "event": {"ip": "203.0.113.7", "device": "d-1", "lat": 48.85, "lon": 2.35}}""";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AegisServer server;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private TestNode(AegisServer server) {
        this.server = server;
    }

    static TestNode start(Map<String, String> environment) {
        return start(environment, TimeSource.system());
    }

    /** Starts with {@code AEGIS_BOOTSTRAP_KEY} set to {@link #ADMIN_KEY} and the given extra variables. */
    static TestNode start(Map<String, String> environment, TimeSource time) {
        Map<String, String> all = new HashMap<>(environment);
        all.put("AEGIS_BOOTSTRAP_KEY", ADMIN_KEY);
        return new TestNode(AegisServer.start(ConfigLoader.load(Optional.of(configFile()), all), time));
    }

    AegisServer server() {
        return server;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> get(String path, Optional<String> key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        key.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        return send(request.build());
    }

    HttpResponse<String> evaluate(String pipeline, String key, String body) {
        return send(evaluation(pipeline, key, "application/json", HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpRequest.Builder evaluation(String pipeline, String key, String contentType, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(uri("/v1/pipelines/" + pipeline + "/evaluate"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", contentType)
                .POST(body);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpClient client() {
        return client;
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
        client.close();
    }

    private static Path configFile() {
        try {
            return Path.of(TestNode.class.getClassLoader().getResource("aegis-test.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
