package dev.aegis.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code cluster.postgres}: the primary that holds tasks and their queue, read replicas for reads that may lag,
 * and the databases that subject-keyed data (the metadata index) is sharded over.
 *
 * @param replicas JDBC URLs of streaming replicas of {@code url}; a replica that is down is skipped
 * @param shards JDBC URLs of the databases the metadata index is spread over by subject; empty: {@code url} alone
 * @param shardDeadline how long a query over every shard may take before it fails (503)
 * @param transactionPooling the URLs point at pgbouncer in transaction mode: no server-side prepared statements
 * @param migrationUrl where schema migrations run when the other URLs go through pgbouncer; empty: {@code url}
 * @param queuePoll how often a node with idle workers claims tasks again when nothing was offered on it
 * @param orphanAge how long a stored, unfinished task may go unqueued before a node queues it again
 */
public record PostgresSection(String url, String user, String password, int poolSize, List<String> replicas,
        Duration replicaRetry, List<String> shards, Duration shardDeadline, boolean transactionPooling,
        String migrationUrl, Duration queuePoll, Duration orphanAge) {

    public PostgresSection {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(migrationUrl, "migration_url");
        replicas = List.copyOf(replicas);
        shards = List.copyOf(shards);
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("url must be a jdbc:postgresql: URL, was " + url.split("\\?")[0]);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("pool_size must be at least 1, was " + poolSize);
        }
        if (transactionPooling && migrationUrl.isEmpty()) {
            throw new IllegalArgumentException("transaction_pooling needs migration_url, a direct URL of the primary: "
                    + "migrations hold a session lock that a transaction pooler cannot keep");
        }
        AuditSection.requirePositive("replica_retry", replicaRetry);
        AuditSection.requirePositive("shard_deadline", shardDeadline);
        AuditSection.requirePositive("queue_poll", queuePoll);
        AuditSection.requirePositive("orphan_age", orphanAge);
    }
}
