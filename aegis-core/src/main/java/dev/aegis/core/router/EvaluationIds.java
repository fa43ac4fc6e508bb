package dev.aegis.core.router;

import dev.aegis.api.time.TimeSource;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Evaluation ids: time-ordered UUIDs (version 7, RFC 9562) from the injected clock and thread-local randomness,
 * so that making one takes no lock.
 */
final class EvaluationIds {

    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT_RFC = 0x8000_0000_0000_0000L;
    private static final long LOW_62_BITS = 0x3FFF_FFFF_FFFF_FFFFL;

    private EvaluationIds() {}

    static UUID next(TimeSource time) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = time.now().toEpochMilli();
        long high = (millis << 16) | VERSION_7 | (random.nextLong() & 0x0FFFL);
        long low = VARIANT_RFC | (random.nextLong() & LOW_62_BITS);
        return new UUID(high, low);
    }
}
