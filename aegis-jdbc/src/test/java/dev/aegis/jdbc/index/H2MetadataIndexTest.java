package dev.aegis.jdbc.index;

import dev.aegis.api.index.MetadataIndex;
import dev.aegis.testkit.index.MetadataIndexContract;
import java.time.Duration;

/** The embedded index passes the metadata index contract, each test on its own in-memory H2 database. */
class H2MetadataIndexTest extends MetadataIndexContract {

    @Override
    protected MetadataIndex index(Duration ttl) {
        return JdbcMetadataIndex.h2InMemory(ttl);
    }
}
