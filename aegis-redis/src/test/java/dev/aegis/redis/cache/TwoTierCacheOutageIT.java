package dev.aegis.redis.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.aegis.api.cache.CacheUnavailableException;
import dev.aegis.api.time.TimeSource;
import dev.aegis.redis.LocalRedis;
import dev.aegis.redis.RedisSettings;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A disposable Redis that the tests kill and start again. A restarted server is empty unless it finds the
 * snapshot a test made with {@code SAVE} before killing it: then it comes back with the data it had, as a server
 * with persistence would, and a stale entry can be seen to outlive the outage or not.
 */
class TwoTierCacheOutageIT {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final Duration PROMPT = TIMEOUT.plusMillis(500);
    private static final Duration RECOVERY = Duration.ofSeconds(15);
    private static final TwoTierSettings FAIL_OPEN =
            new TwoTierSettings(Duration.ofMinutes(1), 1_000, Duration.ofMinutes(5), true);
    private static final TwoTierSettings FAIL_CLOSED =
            new TwoTierSettings(Duration.ofMinutes(1), 1_000, Duration.ofMinutes(5), false);

    private LocalRedis server;
    private RedisSettings settings;
    private TwoTierCache cache;

    @BeforeEach
    void startServer() throws IOException {
        server = LocalRedis.startDisposable();
        settings = server.settings(TIMEOUT);
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        if (cache != null) {
            cache.close();
        }
        server.close();
    }

    @Test
    void answersPromptlyFromMemoryOrAsAMissWhileRedisIsDown() throws Exception {
        cache = TwoTierCache.open(settings, FAIL_OPEN, TimeSource.system());
        cache.put("held", "v");
        server.stop();

        assertThat(timed(() -> assertThat(cache.get("held")).contains("v"))).isLessThan(PROMPT);
        assertThat(timed(() -> assertThat(cache.get("never-put")).isEmpty())).isLessThan(PROMPT);
        assertThat(timed(() -> cache.put("new", "v"))).isLessThan(PROMPT);
        assertThat(timed(() -> cache.putAll(Map.of("a", "1", "b", "2")))).isLessThan(PROMPT);
        assertThat(timed(() -> cache.invalidate("held"))).isLessThan(PROMPT);
        assertThat(cache.get("held")).isEmpty();
        assertThat(cache.get("new")).as("a put during the outage keeps to memory").contains("v");
        assertThat(cache.pendingInvalidations()).isEqualTo(1);
        assertThat(cache.stats().errors()).isPositive();
    }

    @Test
    void givesUpOnACommandAfterTheTimeoutWhenRedisHangs() {
        cache = TwoTierCache.open(settings, FAIL_OPEN, TimeSource.system());
        try (RawRedis raw = new RawRedis(settings)) {
            raw.connection().sync().clientPause(2_000);

            assertThat(timed(() -> assertThat(cache.get("k")).isEmpty())).isLessThan(PROMPT);
            assertThat(timed(() -> cache.put("k", "v"))).isLessThan(PROMPT);
            assertThat(cache.stats().errors()).isEqualTo(2);
        }
    }

    @Test
    void deletesAnEntryWhoseInvalidationFailedOnceRedisAnswersAgain() throws Exception {
        cache = TwoTierCache.open(settings, FAIL_OPEN, TimeSource.system());
        cache.put("task:acme:1", "stale");
        try (RawRedis raw = new RawRedis(settings)) {
            raw.connection().sync().save();
        }
        server.stop();
        cache.invalidate("task:acme:1");
        assertThat(cache.pendingInvalidations()).isEqualTo(1);

        server.start();
        await().atMost(RECOVERY).until(() -> cache.pendingInvalidations() == 0);
        try (RawRedis raw = new RawRedis(settings)) {
            assertThat(raw.connection().sync().get(settings.keyPrefix() + "cache:task:acme:1"))
                    .as("the restarted server loaded the stale entry from its snapshot; the retry deleted it")
                    .isNull();
        }
        assertThat(cache.get("task:acme:1")).isEmpty();
    }

    @Test
    void clearsMemoryAfterSubscribingAgainSinceInvalidationsMayHaveBeenMissed() throws Exception {
        cache = TwoTierCache.open(settings, FAIL_OPEN, TimeSource.system());
        cache.put("task:acme:1", "maybe-stale");
        server.stop();
        server.start();

        await().atMost(RECOVERY).untilAsserted(() -> assertThat(cache.get("task:acme:1"))
                .as("memory keeps entries for a minute unless cleared; the restarted server is empty")
                .isEmpty());
    }

    @Test
    void warnsOncePerOutageAndInformsOnRecovery() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(TwoTierCache.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Level configured = logger.getLevel();
        logger.setLevel(Level.INFO);
        logged.start();
        logger.addAppender(logged);
        try {
            cache = TwoTierCache.open(settings, FAIL_OPEN, TimeSource.system());
            server.stop();
            for (int i = 0; i < 20; i++) {
                cache.get("k" + i);
                cache.put("k" + i, "v");
            }
            server.start();
            await().atMost(RECOVERY).untilAsserted(() -> {
                cache.put("k", "v");
                assertThat(events(logged)).anyMatch(event -> event.getFormattedMessage().contains("answers again"));
            });
        } finally {
            logger.detachAppender(logged);
            logger.setLevel(configured);
        }

        assertThat(events(logged)).filteredOn(event -> event.getLevel() == Level.WARN).hasSize(1);
    }

    /** What was logged so far; Lettuce's threads log too, and the appender appends under its own lock. */
    private static List<ILoggingEvent> events(ListAppender<ILoggingEvent> logged) {
        synchronized (logged) {
            return List.copyOf(logged.list);
        }
    }

    @Test
    void throwsCacheUnavailableWhileRedisIsDownWhenFailingClosed() throws Exception {
        cache = TwoTierCache.open(settings, FAIL_CLOSED, TimeSource.system());
        cache.put("held", "v");
        server.stop();

        assertThat(cache.get("held")).as("memory answers without asking Redis").contains("v");
        assertThat(timed(() -> assertThatThrownBy(() -> cache.get("never-put"))
                .isInstanceOf(CacheUnavailableException.class)
                .hasMessageContaining(settings.location()))).isLessThan(PROMPT);
        assertThatThrownBy(() -> cache.put("k", "v")).isInstanceOf(CacheUnavailableException.class);
        assertThatThrownBy(() -> cache.invalidate("held")).isInstanceOf(CacheUnavailableException.class);
        assertThat(cache.get("held")).as("the invalidation still evicted memory").isEmpty();
        assertThat(cache.pendingInvalidations()).isEqualTo(1);
    }

    @Test
    void refusesToOpenWhenRedisCannotBeReached() throws Exception {
        server.stop();

        assertThat(timed(() -> assertThatThrownBy(
                () -> TwoTierCache.open(settings, FAIL_OPEN, TimeSource.system()))
                .isInstanceOf(CacheUnavailableException.class)
                .hasMessageContaining("cannot connect to the Redis cache at " + settings.location())))
                .isLessThan(PROMPT);
    }

    private static Duration timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** A plain connection to the server, for what the cache does not do: snapshots, raw reads. */
    private record RawRedis(RedisClient client, StatefulRedisConnection<String, String> connection)
            implements AutoCloseable {

        RawRedis(RedisSettings settings) {
            this(settings.client(), settings);
        }

        private RawRedis(RedisClient client, RedisSettings settings) {
            this(client, client.connect());
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown();
        }
    }
}
