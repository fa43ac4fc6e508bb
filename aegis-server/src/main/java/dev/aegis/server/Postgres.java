package dev.aegis.server;

import dev.aegis.jdbc.JdbcSettings;
import dev.aegis.server.config.PostgresSection;

/** The JDBC settings of the PostgreSQL databases that {@code cluster.postgres} names. */
final class Postgres {

    /** The queue's writer holds one connection at a time; the rest serve lease renewals. */
    private static final int QUEUE_POOL_SIZE = 4;

    private Postgres() {}

    /** The primary, for tasks. */
    static JdbcSettings primary(PostgresSection postgres) {
        return new JdbcSettings(postgres.url(), postgres.user(), postgres.password(), postgres.poolSize());
    }

    /** The metadata index in the database at {@code url} (the primary or a shard), on a small pool of its own. */
    static JdbcSettings index(PostgresSection postgres, String url) {
        return new JdbcSettings(url, postgres.user(), postgres.password(), QUEUE_POOL_SIZE);
    }

    /** The primary, for the task queue's own small pool. */
    static JdbcSettings queue(PostgresSection postgres) {
        return new JdbcSettings(postgres.url(), postgres.user(), postgres.password(), QUEUE_POOL_SIZE);
    }
}
