package dev.aegis.redis.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingInvalidationsTest {

    private final PendingInvalidations pending = new PendingInvalidations();

    @Test
    void forgetsAKeyOnceItsLatestAttemptIsDone() {
        long attempt = pending.add("k");
        pending.done("k", attempt);

        assertThat(pending.contains("k")).isFalse();
        assertThat(pending.size()).isZero();
    }

    @Test
    void keepsAKeyWhoseNewerAttemptIsNotDone() {
        long older = pending.add("k");
        pending.add("k");
        pending.done("k", older);

        assertThat(pending.contains("k")).isTrue();
    }

    @Test
    void keepsKeysAttemptedAgainAfterARetryTookItsSnapshot() {
        pending.add("a");
        pending.add("b");
        Map<String, Long> retried = pending.snapshot();
        pending.add("b");
        pending.doneAll(retried);

        assertThat(pending.snapshot()).containsOnlyKeys("b");
    }
}
