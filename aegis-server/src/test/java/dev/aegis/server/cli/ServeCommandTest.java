package dev.aegis.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.server.AegisServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {

    @TempDir
    Path directory;

    @Test
    void aMissingConfigurationFileIsOneLineAndExitTwo() {
        CommandRun run = new CommandRun();

        int exit = run.execute("serve", "--config", directory.resolve("absent.yaml").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(run.err.toString()).startsWith("aegis: configuration error: ").contains("absent.yaml");
        assertThat(run.err.toString().lines()).hasSize(1);
    }

    @Test
    void anUnknownConfigurationKeyIsOneLineAndExitTwo() throws IOException {
        Path config = Files.writeString(directory.resolve("aegis.yaml"), "server:\n  prot: 9090\n");
        CommandRun run = new CommandRun();

        int exit = run.execute("serve", "--config", config.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(run.err.toString()).startsWith("aegis: configuration error: ").contains("prot");
        assertThat(run.err.toString().lines()).hasSize(1);
    }

    @Test
    void servesUntilStoppedThenExitsZero() throws Exception {
        Path config = Files.writeString(directory.resolve("aegis.yaml"), """
                server:
                  host: 127.0.0.1
                  port: 0
                  shutdown_grace: 1s
                  data_dir: %s
                """.formatted(directory.resolve("data")));
        CompletableFuture<AegisServer> started = new CompletableFuture<>();
        CommandRun run = new CommandRun(Map.of("AEGIS_BOOTSTRAP_KEY", "serve-test-key"), started::complete);

        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread.ofPlatform().name("serve-under-test").start(() -> {
            exit.complete(run.execute("serve", "--config", config.toString()));
            started.completeExceptionally(new AssertionError("serve exited early: " + run.err));
        });
        AegisServer server = started.get(30, TimeUnit.SECONDS);
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                        .timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        server.stop();

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    }
}
