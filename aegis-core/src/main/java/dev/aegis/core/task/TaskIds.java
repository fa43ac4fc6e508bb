package dev.aegis.core.task;

import dev.aegis.api.time.TimeSource;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Task ids as ULIDs: 26 characters of Crockford base 32, a 48-bit millisecond timestamp then 80 random bits, so
 * that ids sort by creation time (newest-first listing and cursors need no other column). Within one
 * millisecond the random part counts up, so ids made by one node stay in order.
 */
final class TaskIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final long LOW_MASK = (1L << 40) - 1;

    private final TimeSource time;
    private final RandomGenerator random;
    private long lastMillis = -1;
    private long high;
    private long low;

    TaskIds(TimeSource time) {
        this(time, new SecureRandom());
    }

    TaskIds(TimeSource time, RandomGenerator random) {
        this.time = time;
        this.random = random;
    }

    synchronized String next() {
        long millis = Math.max(time.now().toEpochMilli(), lastMillis);
        if (millis == lastMillis) {
            countUp();
        } else {
            lastMillis = millis;
            high = random.nextLong() & LOW_MASK;
            low = random.nextLong() & LOW_MASK;
        }
        return encode(millis);
    }

    private void countUp() {
        low = (low + 1) & LOW_MASK;
        if (low == 0) {
            high = (high + 1) & LOW_MASK;
            if (high == 0) {
                lastMillis++;
            }
        }
    }

    private String encode(long millis) {
        char[] id = new char[26];
        write(id, 0, 10, millis);
        write(id, 10, 8, high);
        write(id, 18, 8, low);
        return new String(id);
    }

    private static void write(char[] id, int from, int length, long value) {
        for (int i = from + length - 1; i >= from; i--) {
            id[i] = ALPHABET[(int) (value & 31)];
            value >>>= 5;
        }
    }
}
