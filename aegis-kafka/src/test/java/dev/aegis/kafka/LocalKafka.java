package dev.aegis.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;

/**
 * The Kafka broker of the tests: one KRaft broker on 127.0.0.1:19092, started by {@code scripts/kafka-local.sh}
 * on this JVM's classpath (which holds the broker, kafka_2.13, from Maven Central) the first time a test asks,
 * then left running for every later test, module and build. Each test takes a topic prefix of its own.
 */
public final class LocalKafka {

    public static final int PORT = 19092;
    public static final String BOOTSTRAP = "127.0.0.1:" + PORT;
    private static final Duration START = Duration.ofSeconds(120);
    private static final String TEST_PREFIX = "it-";
    private static boolean prepared;

    private LocalKafka() {
    }

    /** Settings on the shared broker under a topic prefix no other test uses. */
    public static KafkaSettings settings(int partitions) {
        ensureRunning();
        return new KafkaSettings(BOOTSTRAP, freshPrefix(), partitions, (short) 1, Duration.ofSeconds(10));
    }

    /** A topic prefix no other test uses; its topics and groups are deleted when the next test JVM starts. */
    public static String freshPrefix() {
        return TEST_PREFIX + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    /**
     * Starts the broker unless one answers already. The first call in a JVM also deletes the topics and groups that
     * earlier test runs left (a broker that keeps thousands of partitions grows slow to assign them, so one build
     * at a time may use it), and waits until the broker coordinates consumer groups: a fresh broker creates its
     * offsets topic for the first group, which would otherwise fall into the first test's time.
     */
    public static synchronized void ensureRunning() {
        if (!answers()) {
            start();
        }
        if (!prepared) {
            try (Admin admin = new KafkaSettings(BOOTSTRAP, TEST_PREFIX, 1, (short) 1, START).admin()) {
                deleteLeftovers(admin);
                awaitGroupCoordinator(admin);
            }
            prepared = true;
        }
    }

    private static void start() {
        Path script = repositoryRoot().resolve("scripts/kafka-local.sh");
        ProcessBuilder start = new ProcessBuilder("bash", script.toString(), "start").inheritIO();
        start.environment().put("AEGIS_KAFKA_CLASSPATH", brokerClasspath());
        start.environment().put("AEGIS_KAFKA_PORT", Integer.toString(PORT));
        try {
            Process process = start.start();
            if (!process.waitFor(START.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("scripts/kafka-local.sh could not start Kafka; see "
                        + "/tmp/aegis-kafka/broker.log");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Kafka", e);
        }
    }

    private static void deleteLeftovers(Admin admin) {
        List<String> topics = get(admin.listTopics().names()).stream().filter(name -> name.startsWith(TEST_PREFIX))
                .toList();
        get(admin.deleteTopics(topics).all());
        List<String> groups = get(admin.listGroups().all()).stream().map(GroupListing::groupId)
                .filter(group -> group.startsWith(TEST_PREFIX)).toList();
        getUnless(admin.deleteConsumerGroups(groups).all(), GroupNotEmptyException.class);
    }

    private static void awaitGroupCoordinator(Admin admin) {
        getUnless(admin.describeConsumerGroups(List.of("aegis-warm-up")).all(), GroupIdNotFoundException.class);
    }

    /** Waits for the future; its failing with {@code expected} counts as an answer too. */
    private static void getUnless(KafkaFuture<?> future, Class<? extends Exception> expected) {
        try {
            get(future);
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof ExecutionException failed && expected.isInstance(failed.getCause()))) {
                throw e;
            }
        }
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(START.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka at " + BOOTSTRAP + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Kafka", e);
        }
    }

    private static boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", PORT), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Surefire and Failsafe run tests from a manifest-only jar that they delete at the end; the real path is here. */
    private static String brokerClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("scripts/kafka-local.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no scripts/kafka-local.sh above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
