package dev.aegis.server;

import dev.aegis.api.index.MetadataIndex;
import dev.aegis.core.index.InMemoryMetadataIndex;
import dev.aegis.jdbc.index.JdbcMetadataIndex;
import dev.aegis.server.config.IndexSection;
import java.nio.file.Path;
import java.util.Optional;

/** Opens the metadata index that {@code index.store} names. */
final class MetadataIndexes {

    private MetadataIndexes() {}

    /**
     * {@code embedded}: H2 in {@code <dataDir>/index}, a database of its own so that its writes do not queue behind
     * the task store's; {@code memory}; empty for {@code none}.
     */
    static Optional<MetadataIndex> open(IndexSection index, Path dataDir) {
        return switch (index.store()) {
            case "embedded" -> Optional.of(JdbcMetadataIndex.h2(dataDir.resolve("index"), index.ttl()));
            case "memory" -> Optional.of(new InMemoryMetadataIndex(index.ttl()));
            default -> Optional.empty();
        };
    }
}
