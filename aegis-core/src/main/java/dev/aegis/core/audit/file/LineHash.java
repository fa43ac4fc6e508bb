package dev.aegis.core.audit.file;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash of a line: SHA-256 over the line's bytes up to its hash member, closed with <code>}</code>, in
 * lower-case hex. One instance per thread; it reuses its digest.
 */
final class LineHash {

    static final int HEX_LENGTH = 64;

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST_LENGTH = 32;

    private final MessageDigest sha256;
    private final byte[] digest = new byte[DIGEST_LENGTH];
    private final byte[] hex = new byte[HEX_LENGTH];

    LineHash() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The hash of {@code length} bytes from {@code offset} (everything before the hash member) and a closing brace. */
    String of(byte[] line, int offset, int length) {
        sha256.update(line, offset, length);
        sha256.update((byte) '}');
        try {
            sha256.digest(digest, 0, DIGEST_LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("a SHA-256 digest is 32 bytes", e);
        }
        for (int i = 0; i < DIGEST_LENGTH; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(hex, StandardCharsets.ISO_8859_1);
    }
}
