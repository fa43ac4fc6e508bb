package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.AegisException;
import dev.aegis.core.config.ConfigException;
import dev.aegis.server.config.AegisConfig;
import dev.aegis.server.config.ConfigLoader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AegisServerIT {

    @TempDir
    Path dataDir;

    @Test
    void withNoKeyConfiguredAnAdminKeyIsGeneratedAndWorks() throws Exception {
        AegisServer server = AegisServer.start(config(Map.of()));
        try (HttpClient client = HttpClient.newHttpClient()) {
            String key = server.generatedKey().orElseThrow();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/v1/pipelines"))
                    .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(key).startsWith("aegis_");
            assertThat(response.statusCode()).isEqualTo(200);
        } finally {
            server.stop();
        }
    }

    @Test
    void aBootstrapKeyReplacesTheGeneratedOne() {
        AegisServer server = AegisServer.start(config(Map.of("AEGIS_BOOTSTRAP_KEY", "boot")));
        try {
            assertThat(server.generatedKey()).isEmpty();
        } finally {
            server.stop();
        }
    }

    @Test
    void anUnknownStateStoreTypeStopsStartUpListingTheKnownTypes() {
        AegisConfig config = config(Map.of("AEGIS_STATE_TYPE", "redis"));

        assertThatThrownBy(() -> AegisServer.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("state.type 'redis'")
                .hasMessageContaining("known types: embedded");
    }

    @Test
    void aPortInUseStopsStartUp() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AegisConfig config = config(Map.of("AEGIS_SERVER_PORT", Integer.toString(taken.getLocalPort())));

            assertThatThrownBy(() -> AegisServer.start(config))
                    .isInstanceOf(AegisException.class)
                    .hasMessageContaining("could not listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void anUnknownTaskStoreTypeStopsStartUpListingTheKnownTypes() {
        AegisConfig config = config(Map.of("AEGIS_TASKS_STORE", "dynamodb"));

        assertThatThrownBy(() -> AegisServer.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tasks.store 'dynamodb'")
                .hasMessageContaining("known types: embedded, memory");
    }

    /** Loopback on a free port, the embedded task store in a folder of its own. */
    private AegisConfig config(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(Map.of("AEGIS_SERVER_HOST", "127.0.0.1",
                "AEGIS_SERVER_PORT", "0", "AEGIS_SERVER_DATA_DIR", dataDir.toString()));
        environment.putAll(extra);
        return ConfigLoader.load(Optional.empty(), environment);
    }
}
