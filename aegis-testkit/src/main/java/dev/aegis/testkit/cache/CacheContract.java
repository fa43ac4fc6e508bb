package dev.aegis.testkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.cache.Cache;
import dev.aegis.api.cache.CacheStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Cache} adapter must show, the embedded one included. An adapter's test extends this
 * class and says how to make a fresh, empty cache whose entries live for a given time to live, and how to let
 * time pass for that expiry: the embedded adapter advances a manual clock, a networked one sleeps (its server
 * expires entries on its own clock). Time to live tests use {@value #SHORT_TTL_MILLIS} ms and elapse at most
 * 0.8 s, with 200 ms of margin either side; every other test uses a time to live of one minute.
 */
public abstract class CacheContract {

    private static final long SHORT_TTL_MILLIS = 500;
    private static final Duration SHORT_TTL = Duration.ofMillis(SHORT_TTL_MILLIS);
    private static final Duration MORE_THAN_SHORT_TTL = Duration.ofMillis(800);
    private static final Duration UNDER_HALF_SHORT_TTL = Duration.ofMillis(300);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final int THREADS = 8;
    private static final int PER_THREAD = 250;

    private final List<Cache> made = new ArrayList<>();
    private Cache cache;

    /** A fresh, empty cache whose entries live for {@code ttl} after their last put. */
    protected abstract Cache createCache(Duration ttl);

    /** Lets {@code duration} pass for the cache's expiry. */
    protected abstract void elapse(Duration duration);

    @BeforeEach
    void freshCache() {
        cache = make(MINUTE);
    }

    @AfterEach
    void closeCaches() {
        made.forEach(Cache::close);
    }

    private Cache make(Duration ttl) {
        Cache fresh = createCache(ttl);
        made.add(fresh);
        return fresh;
    }

    @Nested
    class Reads {

        @Test
        void missesAKeyNeverPut() {
            assertThat(cache.get("k")).isEmpty();
        }

        @Test
        void answersTheValuePut() {
            cache.put("k", "{\"id\":\"t-1\",\"status\":\"executing\"}");

            assertThat(cache.get("k")).contains("{\"id\":\"t-1\",\"status\":\"executing\"}");
            assertThat(cache.get("k")).as("a read does not consume the entry").isPresent();
        }

        @Test
        void answersTheLatestValueAfterAnOverwrite() {
            cache.put("k", "first");
            cache.put("k", "second");

            assertThat(cache.get("k")).contains("second");
        }

        @Test
        void keepsKeysApart() {
            cache.put("task:acme:1", "one");

            assertThat(cache.get("task:acme:2")).isEmpty();
            assertThat(cache.get("task:other:1")).isEmpty();
            assertThat(cache.get("task:acme:1")).contains("one");
        }

        @Test
        void keepsValuesExactlyAsPut() {
            String value = "{\"text\":\"héllo ✓ \\n line\",\"empty\":\"\"}\n" + "x".repeat(10_000);
            cache.put("k", value);
            cache.put("empty", "");

            assertThat(cache.get("k")).contains(value);
            assertThat(cache.get("empty")).contains("");
        }

        @Test
        void refusesNullKeysAndValues() {
            assertThatThrownBy(() -> cache.get(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> cache.put("k", null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> cache.put(null, "v")).isInstanceOf(NullPointerException.class);
        }

        @Test
        void countsHitsAndMisses() {
            cache.get("k");
            cache.put("k", "v");
            cache.get("k");
            cache.get("k");

            assertThat(cache.stats()).isEqualTo(new CacheStats(2, 1, 0));
        }
    }

    @Nested
    class Invalidation {

        @Test
        void forgetsAnInvalidatedKey() {
            cache.put("k", "v");
            cache.invalidate("k");

            assertThat(cache.get("k")).isEmpty();
        }

        @Test
        void leavesOtherKeysAlone() {
            cache.put("a", "1");
            cache.put("b", "2");
            cache.invalidate("a");

            assertThat(cache.get("b")).contains("2");
        }

        @Test
        void ignoresAKeyNeverPut() {
            cache.invalidate("never");

            assertThat(cache.get("never")).isEmpty();
        }

        @Test
        void answersAValuePutAgainAfterAnInvalidation() {
            cache.put("k", "old");
            cache.invalidate("k");
            cache.put("k", "new");

            assertThat(cache.get("k")).contains("new");
        }
    }

    @Nested
    class Warming {

        @Test
        void holdsEveryEntryPutTogether() {
            Map<String, String> entries = new LinkedHashMap<>();
            for (int i = 0; i < 1_500; i++) {
                entries.put("task:acme:" + i, "{\"id\":" + i + "}");
            }
            cache.putAll(entries);

            assertThat(cache.get("task:acme:0")).contains("{\"id\":0}");
            assertThat(cache.get("task:acme:1499")).contains("{\"id\":1499}");
            assertThat(entries.keySet()).allSatisfy(key -> assertThat(cache.get(key)).contains(entries.get(key)));
        }

        @Test
        void replacesValuesAlreadyHeld() {
            cache.put("a", "old");
            cache.putAll(Map.of("a", "new", "b", "2"));

            assertThat(cache.get("a")).contains("new");
            assertThat(cache.get("b")).contains("2");
        }

        @Test
        void acceptsNothingToPut() {
            cache.putAll(Map.of());

            assertThat(cache.get("a")).isEmpty();
        }
    }

    @Nested
    class TimeToLive {

        @Test
        void keepsAValueUntilItsTimeToLive() {
            Cache expiring = make(SHORT_TTL);
            expiring.put("k", "v");
            elapse(UNDER_HALF_SHORT_TTL);

            assertThat(expiring.get("k")).contains("v");
        }

        @Test
        void forgetsAValueAfterItsTimeToLive() {
            Cache expiring = make(SHORT_TTL);
            expiring.put("k", "v");
            elapse(MORE_THAN_SHORT_TTL);

            assertThat(expiring.get("k")).isEmpty();
        }

        @Test
        void startsTheTimeToLiveAgainOnEveryPut() {
            Cache expiring = make(SHORT_TTL);
            expiring.put("k", "first");
            elapse(UNDER_HALF_SHORT_TTL);
            expiring.put("k", "second");
            elapse(UNDER_HALF_SHORT_TTL);

            assertThat(expiring.get("k")).contains("second");
        }

        @Test
        void doesNotExtendTheTimeToLiveOnReads() {
            Cache expiring = make(SHORT_TTL);
            expiring.put("k", "v");
            elapse(UNDER_HALF_SHORT_TTL);
            expiring.get("k");
            elapse(UNDER_HALF_SHORT_TTL);

            assertThat(expiring.get("k")).isEmpty();
        }

        @Test
        void givesWarmedEntriesTheSameTimeToLive() {
            Cache expiring = make(SHORT_TTL);
            expiring.putAll(Map.of("a", "1", "b", "2"));
            elapse(MORE_THAN_SHORT_TTL);

            assertThat(expiring.get("a")).isEmpty();
            assertThat(expiring.get("b")).isEmpty();
        }
    }

    @Nested
    class Concurrency {

        @Test
        void answersEachThreadTheValueItPutUnderItsOwnKeys() throws Exception {
            List<Optional<String>> read = concurrently((thread, i) -> {
                String key = "k:" + thread + ":" + i;
                cache.put(key, thread + "-" + i);
                return cache.get(key).filter(value -> value.equals(thread + "-" + i));
            });

            assertThat(read).hasSize(THREADS * PER_THREAD).allSatisfy(value -> assertThat(value).isPresent());
        }

        @Test
        void keepsOneOfTheValuesPutConcurrentlyUnderOneKey() throws Exception {
            List<String> written = concurrently((thread, i) -> {
                String value = thread + "-" + i;
                cache.put("busy", value);
                cache.get("busy");
                return value;
            });

            assertThat(cache.get("busy")).hasValueSatisfying(value -> assertThat(written).contains(value));
        }

        @Test
        void staysConsistentUnderConcurrentInvalidations() throws Exception {
            concurrently((thread, i) -> {
                if (thread % 2 == 0) {
                    cache.put("contended", "v" + i);
                } else {
                    cache.invalidate("contended");
                }
                return cache.get("contended");
            });
            cache.invalidate("contended");

            assertThat(cache.get("contended")).isEmpty();
        }
    }

    /** One step of a concurrent run: the thread's number and the step's number within the thread. */
    @FunctionalInterface
    private interface Step<T> {
        T run(int thread, int index);
    }

    /**
     * Runs {@code step} {@value #PER_THREAD} times on each of {@value #THREADS} threads started together, and
     * answers every result.
     */
    private static <T> List<T> concurrently(Step<T> step) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<T>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> runSteps(start, thread, step)));
            }
            start.countDown();
            List<T> all = new ArrayList<>(THREADS * PER_THREAD);
            for (Future<List<T>> result : results) {
                all.addAll(result.get());
            }
            return all;
        }
    }

    private static <T> List<T> runSteps(CountDownLatch start, int thread, Step<T> step) throws InterruptedException {
        start.await();
        List<T> results = new ArrayList<>(PER_THREAD);
        for (int i = 0; i < PER_THREAD; i++) {
            results.add(step.run(thread, i));
        }
        return results;
    }
}
