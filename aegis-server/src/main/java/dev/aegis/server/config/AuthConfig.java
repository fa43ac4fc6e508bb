package dev.aegis.server.config;

import dev.aegis.server.auth.ApiKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code auth}: the stored keys, and the plain bootstrap key taken from {@code AEGIS_BOOTSTRAP_KEY} (never from a
 * file), which becomes an admin key of tenant {@code default}.
 */
public record AuthConfig(List<ApiKey> keys, Optional<String> bootstrapKey) {

    /** The environment variable that carries the bootstrap key; it is not a configuration key. */
    public static final String BOOTSTRAP_KEY_VARIABLE = "AEGIS_BOOTSTRAP_KEY";

    public AuthConfig {
        keys = List.copyOf(keys);
        Objects.requireNonNull(bootstrapKey, "bootstrapKey");
    }
}
