package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.core.config.EngineConfig;
import dev.aegis.server.config.AegisConfig;
import dev.aegis.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmupTest {

    @TempDir
    Path folder;

    @Test
    void onlyPipelinesOfLocalBuiltInAgentsAreWarmed() throws IOException {
        Path file = folder.resolve("aegis.yaml");
        Files.writeString(file, """
                agents:
                  remote:
                    type: http
                    settings: { url: "http://127.0.0.1:9/score" }
                pipelines:
                  remote-risk:
                    deadline: 1s
                    agents: [remote, velocity]
                """);
        EngineConfig engine = ConfigLoader.load(Optional.of(file), Map.of()).engine();

        EngineConfig local = Warmup.localPipelines(engine);

        assertThat(local.pipelines()).containsOnlyKeys("login-risk");
        assertThat(local.agents()).containsOnlyKeys("velocity", "geo", "device", "ip-reputation", "model");
    }

    @Test
    void theWarmupKeepsToItsBudget() {
        AegisConfig config = ConfigLoader.load(Optional.empty(), Map.of("AEGIS_SERVER_WARMUP", "300ms"));

        long started = System.nanoTime();
        Warmup.run(config);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
    }
}
