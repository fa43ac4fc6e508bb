package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aegis.kafka.LocalKafka;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's multi-node bar on loopback, the CI variant: three {@code aegis serve} nodes in cluster mode behind nginx
 * ({@code deploy/nginx}: least_conn, upstream keepalive) on one PostgreSQL database, the local Redis and the local
 * Kafka broker, with the task queue and the stream on Kafka. 10,000 tasks go through nginx from 32 clients, each
 * with an idempotency key and retried on failure, while 10,000 events go to the stream's input topic at the same
 * pace; one node is killed with SIGKILL once 40 % of the tasks were accepted. In the end every accepted task is
 * stored once and ended SUCCEEDED once, every event has a decision on the decisions topic (a repeat carries the same
 * decision id) and exactly one in the metadata index, and nothing is left unfinished or uncommitted.
 * {@code scripts/cluster-local.sh drill} runs the same drill at 50,000 + 50,000.
 */
class ClusterNginxKillNineIT {

    private static final String KEY = "nginx-drill-key";
    private static final int TASKS = 10_000;
    private static final int EVENTS = 10_000;
    private static final String TENANT = "default";
    private static final int CLIENTS = 32;
    private static final int NODES = 3;

    private static TestDatabase database;

    private final List<ServeProcess> nodes = new ArrayList<>();
    private final String topicPrefix = LocalKafka.freshPrefix();
    private NginxProcess nginx;

    /** Kept when the test fails: the nodes' logs and nginx's are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path folder;

    @BeforeAll
    static void createDatabase() throws SQLException {
        assumeTrue(NginxProcess.binary().isPresent(),
                "nginx is not installed (apt-get install nginx-light); .ci/run installs it, so CI runs this test");
        LocalKafka.ensureRunning();
        database = TestDatabase.create("aegis_nginx_it");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (database != null) {
            database.drop();
        }
    }

    @AfterEach
    void stop() {
        if (nginx != null) {
            nginx.close();
        }
        nodes.forEach(ServeProcess::close);
    }

    @Test
    void threeNodesBehindNginxAccountForEveryTaskAndEventOnceWhenOneIsKilledMidway() throws Exception {
        List<Integer> ports = List.of(ServeProcess.freePort(), ServeProcess.freePort(), ServeProcess.freePort());
        startNodes(ports);
        int nginxPort = ServeProcess.freePort();
        nginx = NginxProcess.start(folder.resolve("nginx"), nginxPort, ports);
        ClusterDrill.Settings settings = new ClusterDrill.Settings(URI.create("http://127.0.0.1:" + nginxPort), KEY,
                database.url(), "it-" + UUID.randomUUID(), TASKS, CLIENTS, EVENTS, LocalKafka.BOOTSTRAP, topicPrefix,
                TENANT, 0.4, Duration.ofSeconds(120));

        ClusterDrill.Report report = ClusterDrill.run(settings, () -> nodes.get(1).killNine());

        report.lines().forEach(line -> System.out.println("ClusterNginxKillNineIT: " + line));
        assertThat(report.submitted().idsByKey()).as("one task per idempotency key").hasSize(TASKS);
        everyTaskOnce(report.tasks());
        assertThat(nginx.errors()).as("nginx saw the killed node go").contains("127.0.0.1:" + ports.get(1));
        assertThat(report.produced()).hasValueSatisfying(produced -> {
            assertThat(produced.failures()).as("events Kafka refused").isEmpty();
            assertThat(produced.ids()).hasSize(EVENTS);
        });
        assertThat(report.events()).hasValueSatisfying(ClusterNginxKillNineIT::everyEventOnce);
    }

    private static void everyTaskOnce(TaskCounts tasks) {
        assertThat(tasks.unfinished()).as("tasks not ended 120 s after the last was accepted").isZero();
        assertThat(tasks.missing()).as("accepted tasks missing from PostgreSQL").isZero();
        assertThat(tasks.unexpected()).as("stored tasks no client was answered").isZero();
        assertThat(tasks.stored()).as("stored tasks").isEqualTo(TASKS);
        assertThat(tasks.succeeded()).as("tasks SUCCEEDED").isEqualTo(TASKS);
        assertThat(tasks.notSucceededOnce()).as("tasks whose history has other than one SUCCEEDED").isZero();
        assertThat(tasks.dead()).as("tasks DEAD or CANCELLED").isZero();
    }

    private static void everyEventOnce(EventCounts events) {
        assertThat(events.lag()).as("events the stream group has not committed 120 s after the last").isZero();
        assertThat(events.decided()).as("events with a decision on the decisions topic").isEqualTo(EVENTS);
        assertThat(events.idChanged()).as("events answered again under another decision id").isZero();
        assertThat(events.unexpected()).as("decisions for no produced event").isZero();
        assertThat(events.deadLettered()).as("events dead-lettered").isZero();
        assertThat(events.indexMissing()).as("events whose decision the index does not hold").isZero();
        assertThat(events.indexDoubled()).as("decisions the index holds twice").isZero();
        assertThat(events.indexed()).as("decisions in the index").isEqualTo(EVENTS);
    }

    /** Starts the three nodes side by side (each start takes seconds). */
    private void startNodes(List<Integer> ports) throws Exception {
        try (ExecutorService starts = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ServeProcess>> started = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                int node = i;
                started.add(starts.submit(() -> startNode(node, ports.get(node))));
            }
            Exception failed = null;
            for (Future<ServeProcess> each : started) {
                try {
                    nodes.add(each.get());
                } catch (ExecutionException e) {
                    failed = e;
                }
            }
            if (failed != null) {
                throw failed;
            }
        }
    }

    private ServeProcess startNode(int node, int port) throws IOException {
        return ServeProcess.startClusterNode(folder, "node-" + node, KEY, port, 16, database.url(), "5s",
                database.name() + ":", """
                          kafka:
                            bootstrap_servers: %s
                            topic_prefix: "%s"
                            partitions: 12
                            replication_factor: 1
                            tasks:
                              enabled: true
                            stream:
                              enabled: true
                              tenant: %s
                        """.formatted(LocalKafka.BOOTSTRAP, topicPrefix, TENANT));
    }
}
