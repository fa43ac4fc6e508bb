package dev.aegis.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.core.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSectionTest {

    @TempDir
    Path dir;

    @Test
    void byDefaultKafkaIsOffAndItsSettingsAreThoseOfOneBroker() {
        KafkaSection kafka = ConfigLoader.load(Optional.empty(), Map.of()).cluster().kafka();

        assertThat(kafka.enabled()).isFalse();
        assertThat(kafka).isEqualTo(new KafkaSection("", "aegis.", 12, 1, Duration.ofSeconds(5),
                new KafkaTasksSection(true, 500, Duration.ofSeconds(1), 10),
                new StreamSection(false, "default", 500, Duration.ofMillis(100), Duration.ofSeconds(10))));
    }

    @Test
    void everyKeyCanBeSetFromTheEnvironment() {
        KafkaSection kafka = ConfigLoader.load(Optional.empty(), Map.of(
                "AEGIS_CLUSTER_ENABLED", "true",
                "AEGIS_CLUSTER_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092, kafka-2:9092",
                "AEGIS_CLUSTER_KAFKA_REPLICATION_FACTOR", "3",
                "AEGIS_CLUSTER_KAFKA_TASKS_ENABLED", "false",
                "AEGIS_CLUSTER_KAFKA_STREAM_ENABLED", "true",
                "AEGIS_CLUSTER_KAFKA_STREAM_TENANT", "acme",
                "AEGIS_CLUSTER_KAFKA_STREAM_RETRY_MAX", "30s")).cluster().kafka();

        assertThat(kafka.bootstrapServers()).isEqualTo("kafka-1:9092, kafka-2:9092");
        assertThat(kafka.enabled()).isTrue();
        assertThat(kafka.replicationFactor()).isEqualTo(3);
        assertThat(kafka.tasks().enabled()).isFalse();
        assertThat(kafka.stream()).isEqualTo(new StreamSection(true, "acme", 500, Duration.ofMillis(100),
                Duration.ofSeconds(30)));
    }

    @Test
    void aBadValueStopsStartUpNamingItsKey() throws IOException {
        assertThatThrownBy(() -> load("""
                cluster:
                  kafka:
                    bootstrap_servers: kafka-1
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("aegis.yaml:3: cluster.kafka.bootstrap_servers: bootstrap_servers must be "
                        + "host:port");
        assertThatThrownBy(() -> load("""
                cluster:
                  kafka:
                    topic_prefix: "a/b"
                """)).hasMessageContaining("cluster.kafka.topic_prefix: topic_prefix may hold only");
        assertThatThrownBy(() -> load("""
                cluster:
                  kafka:
                    tasks:
                      buffer: 0
                """)).hasMessageContaining("aegis.yaml:4: cluster.kafka.tasks.buffer: buffer must be at least 1");
        assertThatThrownBy(() -> load("""
                cluster:
                  kafka:
                    stream:
                      retry_initial: 1m
                """)).hasMessageContaining("cluster.kafka.stream.retry_max: retry_max (PT10S) must not be shorter");
    }

    @Test
    void aStreamNeedsKafkaAndClusterMode() throws IOException {
        assertThatThrownBy(() -> load("""
                cluster:
                  enabled: true
                  kafka:
                    stream:
                      enabled: true
                """)).hasMessageContaining("aegis.yaml:5: cluster.kafka.stream.enabled: stream.enabled needs "
                + "bootstrap_servers");
        assertThatThrownBy(() -> load("""
                cluster:
                  kafka:
                    bootstrap_servers: kafka:9092
                    stream:
                      enabled: true
                """)).hasMessageContaining("cluster.kafka.stream.enabled: kafka.stream.enabled needs enabled: true");
    }

    @Test
    void anUnknownKeyIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> load("""
                cluster:
                  kafka:
                    bootstrap: kafka:9092
                """)).hasMessageContaining("unknown key 'cluster.kafka.bootstrap'")
                .hasMessageContaining("bootstrap_servers");
    }

    private AegisConfig load(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("aegis.yaml"), yaml);
        return ConfigLoader.load(Optional.of(file), Map.of());
    }
}
