package dev.aegis.server;

import dev.aegis.api.index.MetadataIndex;
import dev.aegis.core.index.InMemoryMetadataIndex;
import dev.aegis.core.shard.ShardedMetadataIndex;
import dev.aegis.jdbc.index.JdbcMetadataIndex;
import dev.aegis.server.config.ClusterSection;
import dev.aegis.server.config.IndexSection;
import dev.aegis.server.config.PostgresSection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Opens the metadata index that {@code index.store} names, or in cluster mode the one in PostgreSQL. */
final class MetadataIndexes {

    private MetadataIndexes() {}

    /**
     * {@code none}: empty. Cluster mode: PostgreSQL, partitioned by day, on the primary or spread by subject over
     * {@code cluster.postgres.shards}. Otherwise {@code embedded}: H2 in {@code <dataDir>/index}, a database of its
     * own so that its writes do not queue behind the task store's; {@code memory}.
     */
    static Optional<MetadataIndex> open(IndexSection index, ClusterSection cluster, Path dataDir) {
        if (index.store().equals("none")) {
            return Optional.empty();
        }
        if (cluster.enabled()) {
            return Optional.of(postgres(index, cluster.postgres()));
        }
        return switch (index.store()) {
            case "embedded" -> Optional.of(JdbcMetadataIndex.h2(dataDir.resolve("index"), index.ttl()));
            default -> Optional.of(new InMemoryMetadataIndex(index.ttl()));
        };
    }

    private static MetadataIndex postgres(IndexSection index, PostgresSection postgres) {
        if (postgres.shards().isEmpty()) {
            return JdbcMetadataIndex.open(Postgres.index(postgres, postgres.url()), index.ttl());
        }
        List<MetadataIndex> shards = new ArrayList<>();
        try {
            for (String url : postgres.shards()) {
                shards.add(JdbcMetadataIndex.open(Postgres.index(postgres, url), index.ttl()));
            }
        } catch (RuntimeException e) {
            shards.forEach(MetadataIndex::close);
            throw e;
        }
        return ShardedMetadataIndex.over(shards, postgres.shardDeadline());
    }
}
