package dev.aegis.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.server.AegisServer;
import dev.aegis.server.config.ConfigLoader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Task mode against a real node from {@code aegis-test.yaml}: its echo agent, its metrics, its submitter key. */
class LoadTestTasksIT {

    private AegisServer node;

    @BeforeEach
    void startNode() throws URISyntaxException {
        Path config = Path.of(LoadTestTasksIT.class.getClassLoader().getResource("aegis-test.yaml").toURI());
        node = AegisServer.start(ConfigLoader.load(Optional.of(config), Map.of("AEGIS_BOOTSTRAP_KEY", "admin-key")));
    }

    @AfterEach
    void stopNode() {
        node.stop();
    }

    @Test
    void everySubmittedEchoTaskIsAcceptedAndSeenToComplete() {
        LoadTestPlan plan = new LoadTestPlan(URI.create("http://127.0.0.1:" + node.port()), "login-risk", 50,
                Duration.ofSeconds(1), Duration.ofMillis(200), 4, Optional.of("submitter-key"), 10,
                OptionalLong.empty(), Duration.ofSeconds(5), 42, 1, SloTargets.defaults(), LoadTestPlan.Client.NIO,
                Optional.of(new TaskSubmits("echo", Optional.empty())));

        LoadTestReport report = LoadTest.run(plan, Optional.empty());

        assertThat(report.statusCodes()).as(report.table()).containsOnlyKeys(202);
        assertThat(report.requests().ok()).isEqualTo(50);
        assertThat(report.tasks()).hasValueSatisfying(tasks -> {
            assertThat(tasks.accepted()).isEqualTo(50);
            assertThat(tasks.completed()).as(report.table()).isEqualTo(50);
            assertThat(tasks.throughput()).isPositive();
        });
    }
}
