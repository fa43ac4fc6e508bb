package dev.aegis.server.auth;

import dev.aegis.api.AegisException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A stored API key: the SHA-256 hash of the secret ({@code sha256:<64 hex digits>}), its tenant and roles. The
 * secret itself is never stored.
 */
public record ApiKey(String hash, String tenant, Set<Role> roles) {

    private static final String PREFIX = "sha256:";
    private static final int ACTOR_DIGITS = 16;
    private static final Pattern HASH = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public ApiKey {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(tenant, "tenant");
        if (!HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("hash must be 'sha256:' and 64 lower-case hex digits");
        }
        if (!TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException(
                    "tenant must be 1 to 64 letters, digits, '.', '_' or '-', was '" + tenant + "'");
        }
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one role of " + Set.of(Role.values()));
        }
        roles = Set.copyOf(roles);
    }

    /** The stored form of a plain key. */
    public static ApiKey of(String plainKey, String tenant, Set<Role> roles) {
        return new ApiKey(hashOf(plainKey), tenant, roles);
    }

    /** {@code sha256:<hex>} of the key's UTF-8 bytes, as configuration stores it. */
    public static String hashOf(String plainKey) {
        return PREFIX + HexFormat.of().formatHex(digest(plainKey));
    }

    /** A new random key: 256 bits from {@link SecureRandom}, URL-safe Base64, prefixed {@code aegis_}. */
    public static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "aegis_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** How the audit log names this key: {@code key/} and the first 16 hex digits of its hash. */
    public String actor() {
        return "key/" + hash.substring(PREFIX.length(), PREFIX.length() + ACTOR_DIGITS);
    }

    /** The raw 32 hash bytes. */
    byte[] hashBytes() {
        return HexFormat.of().parseHex(hash, PREFIX.length(), hash.length());
    }

    static byte[] digest(String plainKey) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(plainKey.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AegisException("this JVM has no SHA-256", e);
        }
    }
}
