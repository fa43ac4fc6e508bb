package dev.aegis.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka broker of the tests: one KRaft broker on 127.0.0.1:19092, started by {@code scripts/kafka-local.sh}
 * on this JVM's classpath (which holds the broker, kafka_2.13, from Maven Central) the first time a test asks,
 * then left running for every later test, module and build. Each test takes a topic prefix of its own.
 */
public final class LocalKafka {

    public static final int PORT = 19092;
    public static final String BOOTSTRAP = "127.0.0.1:" + PORT;
    private static final Duration START = Duration.ofSeconds(120);

    private LocalKafka() {
    }

    /** Settings on the shared broker under a topic prefix no other test uses. */
    public static KafkaSettings settings(int partitions) {
        ensureRunning();
        return new KafkaSettings(BOOTSTRAP, "it-" + UUID.randomUUID().toString().substring(0, 8) + ".", partitions,
                (short) 1, Duration.ofSeconds(10));
    }

    /** Starts the broker unless one answers already. */
    public static synchronized void ensureRunning() {
        if (answers()) {
            return;
        }
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
