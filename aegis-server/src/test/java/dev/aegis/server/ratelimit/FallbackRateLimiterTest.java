package dev.aegis.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.aegis.api.ratelimit.RateLimit;
import dev.aegis.api.ratelimit.RateLimiter;
import dev.aegis.api.ratelimit.RateLimiterUnavailableException;
import dev.aegis.server.config.RateLimitConfig;
import dev.aegis.testkit.ManualClock;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FallbackRateLimiterTest {

    private static final RateLimit SHARED_ANSWER = new RateLimit.Allowed(50, 49, 2);

    private final SwitchableLimiter shared = new SwitchableLimiter();
    private final RateLimiter local = RateLimiters.local(new RateLimitConfig(2, 1), new ManualClock(), 100);
    private final Logger logger = (Logger) LoggerFactory.getLogger(FallbackRateLimiter.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Level previousLevel;

    @BeforeEach
    void captureLogs() {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logged);
        logger.setAdditive(true);
        logger.setLevel(previousLevel);
    }

    @Test
    void answersFromTheSharedLimiterWhileItIsReachable() {
        RateLimiter limiter = RateLimiters.withFallback(shared, local, true);

        assertThat(limiter.tryAcquire("acme")).isEqualTo(SHARED_ANSWER);
        assertThat(logged.list).isEmpty();
    }

    @Test
    void failOpenAnswersFromTheLocalBucketsDuringAnOutage() {
        RateLimiter limiter = RateLimiters.withFallback(shared, local, true);
        shared.down = true;

        assertThat(limiter.tryAcquire("acme")).isEqualTo(new RateLimit.Allowed(2, 1, 1));
        assertThat(limiter.tryAcquire("acme")).isEqualTo(new RateLimit.Allowed(2, 0, 2));
        assertThat(limiter.tryAcquire("acme")).isInstanceOf(RateLimit.Rejected.class);
    }

    @Test
    void failClosedLetsTheOutageThrough() {
        RateLimiter limiter = RateLimiters.withFallback(shared, local, false);
        shared.down = true;

        assertThatThrownBy(() -> limiter.tryAcquire("acme"))
                .isInstanceOf(RateLimiterUnavailableException.class)
                .hasMessageContaining("redis://10.0.0.9:6379/0");
    }

    @Test
    void answersFromTheSharedLimiterAgainOnceItRecovers() {
        RateLimiter limiter = RateLimiters.withFallback(shared, local, true);
        shared.down = true;
        limiter.tryAcquire("acme");
        shared.down = false;

        assertThat(limiter.tryAcquire("acme")).isEqualTo(SHARED_ANSWER);
    }

    @Test
    void logsAWarningOncePerOutageAndItsEndOnce() {
        RateLimiter limiter = RateLimiters.withFallback(shared, local, true);
        shared.down = true;
        limiter.tryAcquire("acme");
        limiter.tryAcquire("globex");
        shared.down = false;
        limiter.tryAcquire("acme");
        limiter.tryAcquire("acme");
        shared.down = true;
        limiter.tryAcquire("acme");

        assertThat(logged.list).extracting(ILoggingEvent::getLevel)
                .containsExactly(Level.WARN, Level.INFO, Level.WARN);
        assertThat(logged.list.getFirst().getFormattedMessage())
                .contains("redis://10.0.0.9:6379/0", "limits hold per node");
    }

    @Test
    void failClosedAlsoLogsTheOutageOnce() {
        RateLimiter limiter = RateLimiters.withFallback(shared, local, false);
        shared.down = true;
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> limiter.tryAcquire("acme")).isInstanceOf(RateLimiterUnavailableException.class);
        }

        assertThat(logged.list).singleElement()
                .satisfies(event -> assertThat(event.getFormattedMessage()).contains("requests are refused"));
    }

    /** A shared limiter that answers one fixed allowance, or fails as an unreachable Redis does. */
    private static final class SwitchableLimiter implements RateLimiter {

        private volatile boolean down;

        @Override
        public RateLimit tryAcquire(String key) {
            if (down) {
                throw new RateLimiterUnavailableException("rate limits at redis://10.0.0.9:6379/0 cannot be reached: "
                        + "Connection refused", new IOException("Connection refused"));
            }
            return SHARED_ANSWER;
        }
    }
}
