package dev.aegis.server.auth;

import java.util.List;
import java.util.Optional;

/** Checks {@code Authorization: Bearer <key>} headers against the stored keys. Thread-safe. */
public interface Authenticator {

    /** Checks the value of the {@code Authorization} header, if the request had one. */
    Authentication authenticate(Optional<String> authorization);

    /**
     * An authenticator over {@code keys}; verified keys are cached so that a repeated key costs one map lookup.
     *
     * @throws IllegalArgumentException when two keys have the same hash
     */
    static Authenticator create(List<ApiKey> keys) {
        return new HashedKeyAuthenticator(keys);
    }
}
