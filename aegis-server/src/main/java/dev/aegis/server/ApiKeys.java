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
 * {@code default}; with neither, one generated admin key that is shown once. {@code all} lists every key, and
 * {@code created} those made at start (the bootstrap or the generated key), for the audit log.
 */
record ApiKeys(Authenticator authenticator, Optional<String> generated, List<ApiKey> all, List<Created> created) {

    /** A key made at start, and by what: {@code AEGIS_BOOTSTRAP_KEY} or {@code generated}. */
    record Created(ApiKey key, String source) {}

    static final String DEFAULT_TENANT = "default";

    static ApiKeys from(AuthConfig auth) {
        List<ApiKey> keys = new ArrayList<>(auth.keys());
        List<Created> created = new ArrayList<>();
        auth.bootstrapKey().ifPresent(key -> created.add(
                new Created(ApiKey.of(key, DEFAULT_TENANT, Set.of(Role.ADMIN)), AuthConfig.BOOTSTRAP_KEY_VARIABLE)));
        Optional<String> generated = Optional.empty();
        if (keys.isEmpty() && created.isEmpty()) {
            generated = Optional.of(ApiKey.generate());
            created.add(new Created(ApiKey.of(generated.get(), DEFAULT_TENANT, Set.of(Role.ADMIN)), "generated"));
        }
        created.forEach(key -> keys.add(key.key()));
        try {
            return new ApiKeys(Authenticator.create(keys), generated, List.copyOf(keys), List.copyOf(created));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("auth.keys: " + e.getMessage()
                    + " (is " + AuthConfig.BOOTSTRAP_KEY_VARIABLE + " also listed under auth.keys?)", e);
        }
    }
}
