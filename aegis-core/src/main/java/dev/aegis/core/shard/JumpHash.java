package dev.aegis.core.shard;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which of N shards a subject lives on: Lamping and Veach's jump consistent hash ("A Fast, Minimal Memory,
 * Consistent Hash Algorithm", 2014) of a stable 64-bit key, the first eight bytes of the SHA-256 of the tenant
 * and the subject. The same subject lands on the same shard in every JVM and every release; going from N to N + 1
 * shards moves about 1 / (N + 1) of the subjects, each onto the new shard.
 */
final class JumpHash {

    private static final long LCG_MULTIPLIER = 2862933555777941757L;
    private static final double TWO_TO_THE_31 = 1L << 31;

    private JumpHash() {
    }

    /** The shard, from 0 to {@code shards - 1}, of a tenant's subject. */
    static int shardOf(String tenant, String subject, int shards) {
        return bucket(key(tenant, subject), shards);
    }

    /** The jump consistent hash of {@code key} over {@code buckets}, from 0 to {@code buckets - 1}. */
    static int bucket(long key, int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("there must be at least 1 bucket, were " + buckets);
        }
        long state = key;
        long bucket = -1;
        long next = 0;
        while (next < buckets) {
            bucket = next;
            state = state * LCG_MULTIPLIER + 1;
            next = (long) ((bucket + 1) * (TWO_TO_THE_31 / ((state >>> 33) + 1)));
        }
        return (int) bucket;
    }

    /**
     * The first eight bytes, big-endian, of the SHA-256 of the tenant's length, the tenant and the subject in
     * UTF-8: two different (tenant, subject) pairs never hash the same input.
     */
    static long key(String tenant, String subject) {
        MessageDigest sha256 = sha256();
        byte[] tenantBytes = tenant.getBytes(StandardCharsets.UTF_8);
        sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(tenantBytes.length).array());
        sha256.update(tenantBytes);
        return ByteBuffer.wrap(sha256.digest(subject.getBytes(StandardCharsets.UTF_8))).getLong();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM must provide SHA-256", e);
        }
    }
}
