package dev.aegis.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.ratelimit.RateLimit;
import dev.aegis.api.ratelimit.RateLimiter;
import dev.aegis.server.config.RateLimitConfig;
import dev.aegis.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void aBucketAllowsItsCapacityThenRejectsUntilItRefills() {
        RateLimiter limiter = RateLimiters.local(new RateLimitConfig(2, 1), clock, 100);

        assertThat(limiter.tryAcquire("10.0.0.1")).isEqualTo(new RateLimit.Allowed(2, 1, 1));
        assertThat(limiter.tryAcquire("10.0.0.1")).isEqualTo(new RateLimit.Allowed(2, 0, 2));
        assertThat(limiter.tryAcquire("10.0.0.1")).isEqualTo(new RateLimit.Rejected(2, 2, 1));

        clock.advance(Duration.ofSeconds(1));

        assertThat(limiter.tryAcquire("10.0.0.1")).isInstanceOf(RateLimit.Allowed.class);
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        RateLimiter limiter = RateLimiters.local(new RateLimitConfig(1, 1), clock, 100);

        assertThat(limiter.tryAcquire("acme")).isInstanceOf(RateLimit.Allowed.class);
        assertThat(limiter.tryAcquire("globex")).isInstanceOf(RateLimit.Allowed.class);
        assertThat(limiter.tryAcquire("acme")).isInstanceOf(RateLimit.Rejected.class);
    }

    @Test
    void aFractionalRefillRateWaitsWholeSecondsRoundedUp() {
        RateLimiter limiter = RateLimiters.local(new RateLimitConfig(1, 0.4), clock, 100);
        limiter.tryAcquire("slow");

        RateLimit rejected = limiter.tryAcquire("slow");

        assertThat(rejected).isInstanceOfSatisfying(RateLimit.Rejected.class,
                r -> assertThat(r.retryAfterSeconds()).isEqualTo(3));
        clock.advance(Duration.ofMillis(2_500));
        assertThat(limiter.tryAcquire("slow")).isInstanceOf(RateLimit.Allowed.class);
    }

    @Test
    void refillNeverExceedsTheCapacity() {
        RateLimiter limiter = RateLimiters.local(new RateLimitConfig(3, 100), clock, 100);

        clock.advance(Duration.ofMinutes(5));

        assertThat(limiter.tryAcquire("idle")).isEqualTo(new RateLimit.Allowed(3, 2, 1));
    }
}
