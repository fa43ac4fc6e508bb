package dev.aegis.server;

import dev.aegis.jdbc.JdbcSettings;
import dev.aegis.jdbc.ReplicaSettings;
import dev.aegis.server.config.PostgresSection;

/** The JDBC settings of the PostgreSQL databases that {@code cluster.postgres} names. */
final class Postgres {

    /** The queue's writer holds one connection at a time; the rest serve lease renewals. */
    private static final int SMALL_POOL = 4;

    private Postgres() {}

    /** The primary, for tasks (read on the primary only: a caller reads its own writes). */
    static JdbcSettings primary(PostgresSection postgres) {
        return pooled(postgres, postgres.url(), postgres.poolSize());
    }

    /** The primary, for the task queue's own small pool. */
    static JdbcSettings queue(PostgresSection postgres) {
        return pooled(postgres, postgres.url(), SMALL_POOL);
    }

    /**
     * The metadata index in the database at {@code url} on a small pool of its own: the primary, whose queries may
     * go to its replicas, or a shard.
     */
    static JdbcSettings index(PostgresSection postgres, String url) {
        JdbcSettings settings = pooled(postgres, url, SMALL_POOL);
        return url.equals(postgres.url()) ? settings.withReplicas(replicas(postgres)) : settings;
    }

    /**
     * Behind a transaction pooler, migrations of the primary run over {@code migration_url}; a shard's run over its
     * own URL, which must then lead to the shard directly.
     */
    private static JdbcSettings pooled(PostgresSection postgres, String url, int poolSize) {
        JdbcSettings settings = new JdbcSettings(url, postgres.user(), postgres.password(), poolSize);
        if (!postgres.transactionPooling()) {
            return settings;
        }
        return settings.behindTransactionPooler(url.equals(postgres.url()) ? postgres.migrationUrl() : url);
    }

    private static ReplicaSettings replicas(PostgresSection postgres) {
        ReplicaSettings defaults = ReplicaSettings.of(postgres.replicas());
        return defaults.withTimeouts(defaults.connectionTimeout(), postgres.replicaRetry());
    }
}
