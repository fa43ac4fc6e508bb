package dev.aegis.redis.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.aegis.api.AegisException;
import dev.aegis.api.state.AgentStateStore;
import dev.aegis.api.state.AgentStateUnavailableException;
import dev.aegis.redis.LocalRedis;
import dev.aegis.redis.RedisSettings;
import dev.aegis.testkit.ManualClock;
import dev.aegis.testkit.state.AgentStateStoreContract;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis store passes the agent state contract on the shared Redis at 127.0.0.1:6379, each test under a key
 * prefix of its own, with time on a manual clock; outages run on a disposable {@code redis-server}. Without a
 * server every test fails: CI starts one, and so must a developer.
 */
class RedisAgentStateStoreIT extends AgentStateStoreContract {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final Duration PROMPTLY = TIMEOUT.plusSeconds(1);

    private final ManualClock clock = new ManualClock();
    private final List<RedisAgentStateStore> opened = new ArrayList<>();
    private final List<RedisSettings> used = new ArrayList<>();

    @Override
    protected AgentStateStore createStore() {
        return open(LocalRedis.sharedSettings());
    }

    @Override
    protected void elapse(Duration duration) {
        clock.advance(duration);
    }

    @AfterEach
    void closeStoresAndDropTheirKeys() {
        opened.forEach(RedisAgentStateStore::close);
        RedisClient client = RedisClient.create(LocalRedis.SHARED);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            for (RedisSettings settings : used) {
                List<String> keys = connection.sync().keys(settings.keyPrefix() + "*");
                if (!keys.isEmpty()) {
                    connection.sync().del(keys.toArray(String[]::new));
                }
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void keepsEachKeyUnderThePrefixAndLetsRedisFreeItAfterItsTimeToLive() {
        RedisSettings settings = LocalRedis.sharedSettings();
        AgentStateStore store = open(settings);
        store.swap("v", "first", HOUR);
        store.recordInWindow("w", T0, MINUTE);

        RedisClient client = RedisClient.create(LocalRedis.SHARED);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().pttl(settings.keyPrefix() + "state:v"))
                    .isBetween(HOUR.toMillis(), HOUR.plusSeconds(5).toMillis());
            for (String key : List.of("state:w", "state-events:w")) {
                assertThat(connection.sync().pttl(settings.keyPrefix() + key))
                        .isBetween(MINUTE.toMillis(), MINUTE.plusSeconds(5).toMillis());
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void startsAWindowAfreshWhenRedisFreedItsHashButNotItsEvents() {
        RedisSettings settings = LocalRedis.sharedSettings();
        AgentStateStore store = open(settings);
        store.recordInWindow("w", T0, MINUTE);
        store.recordInWindow("w", T0, MINUTE);

        RedisClient client = RedisClient.create(LocalRedis.SHARED);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().del(settings.keyPrefix() + "state:w");
        } finally {
            client.shutdown();
        }

        assertThat(store.recordInWindow("w", T0, MINUTE)).isEqualTo(1);
    }

    @Test
    void refusesToUseOneKeyForTwoKindsOfState() {
        AgentStateStore store = createStore();
        store.swap("k", "value", HOUR);

        assertThatThrownBy(() -> store.addMember("k", "m", HOUR))
                .isInstanceOf(AegisException.class)
                .hasMessageContaining("'k' holds value state, not members state");
        assertThatThrownBy(() -> store.recordInWindow("k", T0, HOUR))
                .hasMessageContaining("'k' holds value state, not window state");
        assertThat(store.swap("k", "next", HOUR)).contains("value");
    }

    @Test
    void letsAnExpiredKeyServeAnotherKindOfState() {
        AgentStateStore store = createStore();
        store.swap("k", "value", Duration.ofSeconds(1));
        elapse(Duration.ofSeconds(2));

        assertThat(store.addMember("k", "m", HOUR)).isTrue();
    }

    @Test
    void refusesANonPositiveTimeToLiveOrWindow() {
        AgentStateStore store = createStore();

        assertThatThrownBy(() -> store.swap("k", "v", Duration.ZERO)).hasMessageContaining("ttl must be positive");
        assertThatThrownBy(() -> store.recordInWindow("k", T0, Duration.ofSeconds(-1)))
                .hasMessageContaining("window must be positive");
    }

    @Test
    void capsTheEventsKeptPerWindowDroppingTheOldest() {
        AgentStateStore store = createStore();
        int max = RedisAgentStateStore.MAX_EVENTS_PER_WINDOW;
        for (int i = 0; i < max; i++) {
            store.recordInWindow("w", T0, HOUR);
        }

        assertThat(store.recordInWindow("w", T0.plusSeconds(1), HOUR)).isEqualTo(max);
    }

    @Test
    void refusesToOpenWhenRedisCannotBeReached() throws Exception {
        LocalRedis redis = LocalRedis.startDisposable();
        redis.close();

        assertThatThrownBy(() -> RedisAgentStateStore.open(redis.settings(TIMEOUT), clock))
                .isInstanceOf(AgentStateUnavailableException.class)
                .hasMessageContaining(redis.uri());
    }

    @Test
    void failsPromptlyWhileRedisIsDownAndWorksAgainOnceItIsBack() throws Exception {
        try (LocalRedis redis = LocalRedis.startDisposable();
                RedisAgentStateStore store = RedisAgentStateStore.open(redis.settings(TIMEOUT), clock)) {
            assertThat(store.addMember("s", "phone", HOUR)).isTrue();

            redis.stop();

            assertUnavailablePromptly(() -> store.addMember("s", "phone", HOUR), redis);
            assertUnavailablePromptly(() -> store.swap("v", "x", HOUR), redis);
            assertUnavailablePromptly(() -> store.recordInWindow("w", T0, HOUR), redis);
            redis.start();
            await("the store answering again (Redis came back empty, its scripts forgotten)")
                    .atMost(Duration.ofSeconds(10))
                    .ignoreExceptionsInstanceOf(AgentStateUnavailableException.class)
                    .until(() -> store.addMember("s", "phone", HOUR));
            assertThat(store.recordInWindow("w", T0, HOUR)).isEqualTo(1);
        }
    }

    @Test
    void failsPromptlyWhenRedisStopsAnswering() throws Exception {
        try (LocalRedis redis = LocalRedis.startDisposable();
                RedisAgentStateStore store = RedisAgentStateStore.open(redis.settings(TIMEOUT), clock)) {
            store.swap("v", "first", HOUR);
            RedisClient blocker = redis.freeze();
            try {
                await().atMost(Duration.ofSeconds(5)).untilAsserted(
                        () -> assertUnavailablePromptly(() -> store.swap("v", "second", HOUR), redis));
            } finally {
                blocker.shutdown();
            }
        }
    }

    private RedisAgentStateStore open(RedisSettings settings) {
        RedisAgentStateStore store = RedisAgentStateStore.open(settings, clock);
        opened.add(store);
        used.add(settings);
        return store;
    }

    private static void assertUnavailablePromptly(ThrowingCallable call, LocalRedis redis) {
        long start = System.nanoTime();
        assertThatThrownBy(call)
                .isInstanceOf(AgentStateUnavailableException.class)
                .hasMessageContaining("agent state in Redis at " + redis.uri());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
    }
}
