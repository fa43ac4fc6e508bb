package dev.aegis.server;

import dev.aegis.core.config.ConfigException;
import dev.aegis.server.auth.ApiKey;
import dev.aegis.server.auth.Authenticator;
import dev.aegis.server.auth.Role;
import dev.aegis.server.config.AuthConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The keys a node accepts: the configured ones, plus {@code AEGIS_BOOTSTRAP_KEY} as an admin key of tenant
 * {@code default}; with neither, one generated admin key that is shown once.
 */
record ApiKeys(Authenticator authenticator, Optional<String> generated) {

    static final String DEFAULT_TENANT = "default";

    static ApiKeys from(AuthConfig auth) {
        List<ApiKey> keys = new ArrayList<>(auth.keys());
        auth.bootstrapKey().ifPresent(key -> keys.add(ApiKey.of(key, DEFAULT_TENANT, Set.of(Role.ADMIN))));
        Optional<String> generated = Optional.empty();
        if (keys.isEmpty()) {
            generated = Optional.of(ApiKey.generate());
            keys.add(ApiKey.of(generated.get(), DEFAULT_TENANT, Set.of(Role.ADMIN)));
        }
        try {
            return new ApiKeys(Authenticator.create(keys), generated);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("auth.keys: " + e.getMessage()
                    + " (is " + AuthConfig.BOOTSTRAP_KEY_VARIABLE + " also listed under auth.keys?)", e);
        }
    }
}
