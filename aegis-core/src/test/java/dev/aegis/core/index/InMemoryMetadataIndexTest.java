package dev.aegis.core.index;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.index.MetadataIndex;
import dev.aegis.testkit.index.MetadataIndexContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The embedded index passes the metadata index contract. */
class InMemoryMetadataIndexTest extends MetadataIndexContract {

    @Override
    protected MetadataIndex index(Duration ttl) {
        return new InMemoryMetadataIndex(ttl);
    }

    @Test
    void aTimeToLiveMustBePositive() {
        assertThatThrownBy(() -> new InMemoryMetadataIndex(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT0S");
    }
}
