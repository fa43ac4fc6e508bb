package dev.aegis.redis.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aegis.api.cache.Cache;
import dev.aegis.api.time.TimeSource;
import dev.aegis.redis.LocalRedis;
import dev.aegis.redis.RedisSettings;
import dev.aegis.testkit.cache.CacheContract;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The cache contract on the shared Redis, both tiers on the contract's time to live and on real time (Redis
 * expires entries on its own clock), and two nodes sharing one key prefix.
 */
class TwoTierCacheIT extends CacheContract {

    @Override
    protected Cache createCache(Duration ttl) {
        return TwoTierCache.open(LocalRedis.sharedSettings(), new TwoTierSettings(ttl, 10_000, ttl, true),
                TimeSource.system());
    }

    @Override
    protected void elapse(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while letting time pass", e);
        }
    }

    @Nested
    class TwoNodes {

        private final RedisSettings settings = LocalRedis.sharedSettings();
        private final RedisClient rawClient = settings.client();
        private StatefulRedisConnection<String, String> rawConnection;
        private RedisCommands<String, String> redis;
        private TwoTierCache nodeA;
        private TwoTierCache nodeB;

        @BeforeEach
        void openBothNodes() {
            rawConnection = rawClient.connect();
            redis = rawConnection.sync();
            nodeA = TwoTierCache.open(settings, TwoTierSettings.defaults(), TimeSource.system());
            nodeB = TwoTierCache.open(settings, TwoTierSettings.defaults(), TimeSource.system());
        }

        @AfterEach
        void closeBothNodes() {
            nodeA.close();
            nodeB.close();
            rawConnection.close();
            rawClient.shutdown();
        }

        private String stored(String key) {
            return settings.keyPrefix() + "cache:" + key;
        }

        @Test
        void answersOnOneNodeWhatAnotherPutThroughRedisThenFromMemory() {
            nodeA.put("task:acme:1", "{\"status\":\"executing\"}");

            assertThat(nodeB.get("task:acme:1")).contains("{\"status\":\"executing\"}");
            redis.del(stored("task:acme:1"));
            assertThat(nodeB.get("task:acme:1")).as("node B kept its Redis hit in memory")
                    .contains("{\"status\":\"executing\"}");
        }

        @Test
        void storesEntriesInRedisUnderThePrefixForTheL2Ttl() {
            nodeA.put("task:acme:1", "v");

            assertThat(redis.get(stored("task:acme:1"))).isEqualTo("v");
            assertThat(redis.pttl(stored("task:acme:1"))).isBetween(290_000L, 300_000L);
        }

        @Test
        void evictsAKeyInvalidatedOnOneNodeFromEveryNodesMemoryWithinASecond() {
            nodeA.put("task:acme:1", "old");
            nodeB.get("task:acme:1");
            nodeA.invalidate("task:acme:1");

            assertThat(redis.exists(stored("task:acme:1"))).isZero();
            await().atMost(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(nodeB.get("task:acme:1")).isEmpty());
            assertThat(nodeA.pendingInvalidations()).isZero();
        }

        @Test
        void warmsRedisForEveryNodeInOneGo() {
            Map<String, String> executing = new LinkedHashMap<>();
            for (int i = 0; i < 1_200; i++) {
                executing.put("task:acme:" + i, "{\"id\":" + i + "}");
            }
            nodeA.putAll(executing);

            assertThat(executing).allSatisfy((key, value) -> assertThat(nodeB.get(key)).contains(value));
            assertThat(redis.pttl(stored("task:acme:1199"))).isPositive();
        }
    }
}
