package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GracefulShutdownIT {

    private static final Pattern ACTIVE = Pattern.compile("(?m)^http_server_requests_active (\\S+)$");

    @Test
    void aRequestInFlightCompletesWhileTheServerStopsAndNewConnectionsAreRefused() throws Exception {
        TestNode node = TestNode.start(Map.of());
        int port = node.server().port();
        CompletableFuture<HttpResponse<String>> inFlight = node.client().sendAsync(
                node.evaluation("slow", TestNode.SUBMITTER_KEY, "application/json",
                        HttpRequest.BodyPublishers.ofString("{\"subject\": \"s\", \"event\": {\"ms\": 700}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> activeRequests(node) >= 2);
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(node.server()::stop);
        await().atMost(Duration.ofSeconds(5)).until(() -> refused(port));
        HttpResponse<String> response = inFlight.get(5, TimeUnit.SECONDS);
        stopping.get(10, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode agent = TestNode.json(response).get("agents").get(0);
        assertThat(agent.get("agent").asText()).isEqualTo("slow");
        assertThat(agent.get("status").asText()).isEqualTo("OK");
        assertThat(refused(port)).isTrue();
        assertThatThrownBy(() -> node.get("/health", Optional.empty())).hasCauseInstanceOf(ConnectException.class);
        node.client().close();
    }

    @Test
    void stoppingTwiceIsHarmless() {
        TestNode node = TestNode.start(Map.of());

        node.close();
        node.server().stop();

        assertThat(refused(node.server().port())).isTrue();
    }

    /** The scrape itself is one active request; two or more means the slow evaluation is being served. */
    private static double activeRequests(TestNode node) {
        Matcher matcher = ACTIVE.matcher(node.get("/metrics", Optional.empty()).body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static boolean refused(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
