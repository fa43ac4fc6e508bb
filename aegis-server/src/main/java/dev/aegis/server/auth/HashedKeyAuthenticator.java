package dev.aegis.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Hashes the presented key once with SHA-256 and compares the hash with every stored hash in constant time
 * ({@link MessageDigest#isEqual}), without stopping at the first match. A plain fast hash is enough because keys
 * are 256-bit random secrets: there is no dictionary to try, so a slow password hash would only add latency.
 * Verified keys are cached, so a client that keeps using its key pays for the hash once.
 */
final class HashedKeyAuthenticator implements Authenticator {

    private static final String BEARER = "Bearer ";
    private static final int MAX_KEY_LENGTH = 512;
    private static final Authentication MISSING =
            new Authentication.Denied("an Authorization: Bearer <key> header is required");
    private static final Authentication MALFORMED =
            new Authentication.Denied("the Authorization header must be 'Bearer <key>'");
    private static final Authentication UNKNOWN = new Authentication.Denied("the API key is not valid");

    private final List<StoredKey> keys;
    private final Cache<String, Authentication> verified = Caffeine.newBuilder().maximumSize(10_000).build();

    HashedKeyAuthenticator(List<ApiKey> keys) {
        this.keys = keys.stream().map(StoredKey::of).toList();
        requireDistinct(keys);
    }

    @Override
    public Authentication authenticate(Optional<String> authorization) {
        if (authorization.isEmpty()) {
            return MISSING;
        }
        String header = authorization.get();
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length()) || header.length() > MAX_KEY_LENGTH) {
            return MALFORMED;
        }
        String key = header.substring(BEARER.length()).strip();
        if (key.isEmpty()) {
            return MALFORMED;
        }
        Authentication cached = verified.getIfPresent(key);
        return cached != null ? cached : verify(key);
    }

    private Authentication verify(String key) {
        byte[] hash = ApiKey.digest(key);
        Principal match = null;
        for (StoredKey stored : keys) {
            if (MessageDigest.isEqual(stored.hash(), hash)) {
                match = stored.principal();
            }
        }
        if (match == null) {
            return UNKNOWN;
        }
        Authentication granted = new Authentication.Granted(match);
        verified.put(key, granted);
        return granted;
    }

    private static void requireDistinct(List<ApiKey> keys) {
        Set<String> seen = new HashSet<>();
        for (ApiKey key : keys) {
            if (!seen.add(key.hash())) {
                throw new IllegalArgumentException("two API keys have the same hash " + key.hash());
            }
        }
    }

    private record StoredKey(byte[] hash, Principal principal) {

        static StoredKey of(ApiKey key) {
            return new StoredKey(key.hashBytes(), new Principal(key.tenant(), key.actor(), key.roles()));
        }
    }
}
