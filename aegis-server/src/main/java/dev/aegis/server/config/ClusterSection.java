package dev.aegis.server.config;

import java.util.Objects;

/**
 * {@code cluster}: one switch from embedded to cluster mode. Off (the default), a node keeps everything in its own
 * process and data folder. On, nodes share state: tasks, their queue and the metadata index in PostgreSQL, agent
 * state, the cache and rate limits in Redis; any number of nodes may then serve one API (docs/operations.md).
 * With {@code kafka.bootstrap_servers} set, the task queue moves to Kafka and a stream of events may be evaluated.
 */
public record ClusterSection(boolean enabled, PostgresSection postgres, RedisSection redis, CacheSection cache,
        KafkaSection kafka) {

    public ClusterSection {
        Objects.requireNonNull(postgres, "postgres");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(kafka, "kafka");
        if (kafka.stream().enabled() && !enabled) {
            throw new IllegalArgumentException("kafka.stream.enabled needs enabled: true: Kafka is used in cluster "
                    + "mode only");
        }
    }
}
