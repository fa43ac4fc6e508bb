package dev.aegis.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.aegis.api.ratelimit.RateLimit;
import dev.aegis.api.ratelimit.RateLimiter;
import dev.aegis.api.ratelimit.RateLimiterUnavailableException;
import dev.aegis.redis.LocalRedis;
import dev.aegis.redis.RedisSettings;
import dev.aegis.testkit.ManualClock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Shared buckets on the shared Redis at 127.0.0.1:6379, each test under a key prefix of its own; "nodes" are
 * limiters with clients of their own, on one manual clock (nodes whose clocks agree). Outages run on a
 * disposable {@code redis-server}. Without a server every test fails: CI starts one, and so must a developer.
 */
class RedisRateLimiterIT {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final Duration PROMPTLY = TIMEOUT.plusSeconds(1);
    private static final int PER_MINUTE = 50;
    private static final int THREADS_PER_NODE = 8;
    private static final int ATTEMPTS_PER_THREAD = 20;

    private final ManualClock clock = new ManualClock();
    private final RedisSettings settings = LocalRedis.sharedSettings();
    private final List<RedisRateLimiter> opened = new ArrayList<>();

    @AfterEach
    void closeLimitersAndDropTheirKeys() {
        opened.forEach(RedisRateLimiter::close);
        RedisClient client = RedisClient.create(LocalRedis.SHARED);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> keys = connection.sync().keys(settings.keyPrefix() + "*");
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aBucketAllowsItsCapacityThenRejectsUntilItRefills() {
        RateLimiter limiter = open("ip", 2, 1);

        assertThat(limiter.tryAcquire("10.0.0.1")).isEqualTo(new RateLimit.Allowed(2, 1, 1));
        assertThat(limiter.tryAcquire("10.0.0.1")).isEqualTo(new RateLimit.Allowed(2, 0, 2));
        assertThat(limiter.tryAcquire("10.0.0.1")).isEqualTo(new RateLimit.Rejected(2, 2, 1));

        clock.advance(Duration.ofSeconds(1));

        assertThat(limiter.tryAcquire("10.0.0.1")).isInstanceOf(RateLimit.Allowed.class);
    }

    @Test
    void aFractionalRefillRateWaitsWholeSecondsRoundedUp() {
        RateLimiter limiter = open("ip", 1, 0.4);
        limiter.tryAcquire("slow");

        RateLimit rejected = limiter.tryAcquire("slow");

        assertThat(rejected).isInstanceOfSatisfying(RateLimit.Rejected.class,
                r -> assertThat(r.retryAfterSeconds()).isEqualTo(3));
        clock.advance(Duration.ofMillis(2_500));
        assertThat(limiter.tryAcquire("slow")).isInstanceOf(RateLimit.Allowed.class);
    }

    @Test
    void refillNeverExceedsTheCapacity() {
        RateLimiter limiter = open("ip", 3, 100);
        limiter.tryAcquire("idle");

        clock.advance(Duration.ofMinutes(5));

        assertThat(limiter.tryAcquire("idle")).isEqualTo(new RateLimit.Allowed(3, 2, 1));
    }

    @Test
    void eachKeyHasItsOwnBucketOnEveryNode() {
        RateLimiter first = open("tenant", 1, 1);
        RateLimiter second = open("tenant", 1, 1);

        assertThat(first.tryAcquire("acme")).isInstanceOf(RateLimit.Allowed.class);
        assertThat(second.tryAcquire("globex")).isInstanceOf(RateLimit.Allowed.class);
        assertThat(second.tryAcquire("acme")).isInstanceOf(RateLimit.Rejected.class);
        assertThat(first.tryAcquire("globex")).isInstanceOf(RateLimit.Rejected.class);
    }

    @Test
    void limitersOfDifferentNamesKeepTheirBucketsApart() {
        RateLimiter perIp = open("ip", 1, 1);
        RateLimiter perTenant = open("tenant", 1, 1);

        assertThat(perIp.tryAcquire("acme")).isInstanceOf(RateLimit.Allowed.class);
        assertThat(perTenant.tryAcquire("acme")).isInstanceOf(RateLimit.Allowed.class);
    }

    @Test
    void keepsABucketUnderThePrefixUntilItWouldBeFullAgain() {
        open("ip", PER_MINUTE, PER_MINUTE / 60.0).tryAcquire("10.0.0.1");

        RedisClient client = RedisClient.create(LocalRedis.SHARED);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().pttl(settings.keyPrefix() + "ratelimit:ip:10.0.0.1"))
                    .as("1.2 s to refill the token taken, and a second more")
                    .isBetween(2_000L, 2_200L);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void twoNodesAdmitOneLimitBetweenThemUnderConcurrentLoad() throws Exception {
        List<RateLimiter> nodes = List.of(open("tenant", PER_MINUTE, PER_MINUTE / 60.0),
                open("tenant", PER_MINUTE, PER_MINUTE / 60.0));

        List<RateLimit> answers = hammer(nodes, "acme");

        assertThat(answers).hasSize(2 * THREADS_PER_NODE * ATTEMPTS_PER_THREAD);
        assertThat(answers).filteredOn(RateLimit.Allowed.class::isInstance).hasSize(PER_MINUTE)
                .extracting(RateLimit::remaining)
                .containsExactlyInAnyOrderElementsOf(descending(PER_MINUTE - 1));
    }

    @Test
    void refusesToOpenWhenRedisCannotBeReached() throws Exception {
        LocalRedis redis = LocalRedis.startDisposable();
        redis.close();

        assertThatThrownBy(() -> RedisRateLimiter.open(redis.settings(TIMEOUT), "ip", 1, 1, clock))
                .isInstanceOf(RateLimiterUnavailableException.class)
                .hasMessageContaining(redis.uri());
    }

    @Test
    void refusesANonPositiveCapacityOrRefill() {
        assertThatThrownBy(() -> RedisRateLimiter.open(settings, "ip", 0, 1, clock))
                .hasMessageContaining("capacity must be at least 1");
        assertThatThrownBy(() -> RedisRateLimiter.open(settings, "ip", 1, 0, clock))
                .hasMessageContaining("refill_per_second must be a positive number");
    }

    @Test
    void failsPromptlyWhileRedisIsDownAndWorksAgainOnceItIsBack() throws Exception {
        try (LocalRedis redis = LocalRedis.startDisposable();
                RedisRateLimiter limiter = RedisRateLimiter.open(redis.settings(TIMEOUT), "ip", 5, 1, clock)) {
            assertThat(limiter.tryAcquire("10.0.0.1")).isEqualTo(new RateLimit.Allowed(5, 4, 1));

            redis.stop();

            assertUnavailablePromptly(() -> limiter.tryAcquire("10.0.0.1"), redis);
            redis.start();
            await("the limiter answering again (Redis came back empty)")
                    .atMost(Duration.ofSeconds(10))
                    .ignoreExceptionsInstanceOf(RateLimiterUnavailableException.class)
                    .until(() -> limiter.tryAcquire("10.0.0.2").equals(new RateLimit.Allowed(5, 4, 1)));
        }
    }

    @Test
    void failsPromptlyWhenRedisStopsAnswering() throws Exception {
        try (LocalRedis redis = LocalRedis.startDisposable();
                RedisRateLimiter limiter = RedisRateLimiter.open(redis.settings(TIMEOUT), "ip", 5, 1, clock)) {
            limiter.tryAcquire("10.0.0.1");
            RedisClient blocker = redis.freeze();
            try {
                await().atMost(Duration.ofSeconds(5)).untilAsserted(
                        () -> assertUnavailablePromptly(() -> limiter.tryAcquire("10.0.0.1"), redis));
            } finally {
                blocker.shutdown();
            }
        }
    }

    private RedisRateLimiter open(String name, long capacity, double refillPerSecond) {
        RedisRateLimiter limiter = RedisRateLimiter.open(settings, name, capacity, refillPerSecond, clock);
        opened.add(limiter);
        return limiter;
    }

    /** Every node tries {@code key} from threads of its own, all started together; answers every answer. */
    private static List<RateLimit> hammer(List<RateLimiter> nodes, String key) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<RateLimit>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(nodes.size() * THREADS_PER_NODE)) {
            for (RateLimiter node : nodes) {
                for (int t = 0; t < THREADS_PER_NODE; t++) {
                    results.add(pool.submit(() -> attempts(start, node, key)));
                }
            }
            start.countDown();
            List<RateLimit> all = new ArrayList<>();
            for (Future<List<RateLimit>> result : results) {
                all.addAll(result.get());
            }
            return all;
        }
    }

    private static List<RateLimit> attempts(CountDownLatch start, RateLimiter node, String key)
            throws InterruptedException {
        start.await();
        List<RateLimit> answers = new ArrayList<>();
        for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
            answers.add(node.tryAcquire(key));
        }
        return answers;
    }

    private static List<Long> descending(long from) {
        List<Long> values = new ArrayList<>();
        for (long value = from; value >= 0; value--) {
            values.add(value);
        }
        return values;
    }

    private static void assertUnavailablePromptly(ThrowingCallable call, LocalRedis redis) {
        long start = System.nanoTime();
        assertThatThrownBy(call)
                .isInstanceOf(RateLimiterUnavailableException.class)
                .hasMessageContaining("rate limits in Redis at " + redis.uri());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
    }
}
