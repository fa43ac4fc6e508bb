package dev.aegis.testkit.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.state.AgentStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AgentStateStore} adapter must show, the embedded one included. An adapter's test
 * extends this class and says how to make a fresh, empty store and how to let time pass for its expiry: the
 * embedded adapter advances a manual clock, a networked one sleeps. Every elapsed span here is at most 2 s.
 *
 * <p>Event times given to {@code recordInWindow} are chosen by the tests and are independent of the store's
 * own clock; a window key lives for its window after its last record, by the store's clock.
 */
public abstract class AgentStateStoreContract {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration MINUTE = Duration.ofSeconds(60);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration SHORT_TTL = Duration.ofSeconds(1);
    private static final Duration MORE_THAN_SHORT_TTL = Duration.ofMillis(1500);
    private static final Duration LESS_THAN_SHORT_TTL = Duration.ofMillis(600);
    private static final int THREADS = 8;
    private static final int PER_THREAD = 500;

    private AgentStateStore store;

    /** A fresh, empty store; each test makes its own. */
    protected abstract AgentStateStore createStore();

    /** Lets {@code duration} pass for the store's expiry. */
    protected abstract void elapse(Duration duration);

    @BeforeEach
    void freshStore() {
        store = createStore();
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Nested
    class SlidingWindows {

        @Test
        void countsEveryEventInsideTheWindowThisOneIncluded() {
            assertThat(store.recordInWindow("w", at(0), MINUTE)).isEqualTo(1);
            assertThat(store.recordInWindow("w", at(10), MINUTE)).isEqualTo(2);
            assertThat(store.recordInWindow("w", at(59), MINUTE)).isEqualTo(3);
        }

        @Test
        void leavesOutAnEventExactlyOneWindowOld() {
            store.recordInWindow("w", at(0), MINUTE);
            store.recordInWindow("w", at(30), MINUTE);

            assertThat(store.recordInWindow("w", at(60), MINUTE)).isEqualTo(2);
        }

        @Test
        void leavesOutEventsOlderThanTheWindow() {
            store.recordInWindow("w", at(0), MINUTE);
            store.recordInWindow("w", at(1), MINUTE);

            assertThat(store.recordInWindow("w", at(200), MINUTE)).isEqualTo(1);
        }

        @Test
        void leavesOutEventsLaterThanTheOneRecorded() {
            store.recordInWindow("w", at(50), MINUTE);

            assertThat(store.recordInWindow("w", at(10), MINUTE)).isEqualTo(1);
            assertThat(store.recordInWindow("w", at(55), MINUTE)).isEqualTo(3);
        }

        @Test
        void dropsEventsThatFellOutOfTheWindow() {
            store.recordInWindow("w", at(0), MINUTE);
            store.recordInWindow("w", at(120), MINUTE);

            assertThat(store.recordInWindow("w", at(30), MINUTE))
                    .as("the event at 0 s was dropped when the one at 120 s came")
                    .isEqualTo(1);
        }

        @Test
        void countsEventsAtTheSameInstantSeparately() {
            store.recordInWindow("w", at(5), MINUTE);
            store.recordInWindow("w", at(5), MINUTE);

            assertThat(store.recordInWindow("w", at(5), MINUTE)).isEqualTo(3);
        }

        @Test
        void keepsKeysApart() {
            store.recordInWindow("w:a", at(0), MINUTE);
            store.recordInWindow("w:a", at(1), MINUTE);

            assertThat(store.recordInWindow("w:b", at(2), MINUTE)).isEqualTo(1);
            assertThat(store.recordInWindow("w:a", at(3), MINUTE)).isEqualTo(3);
        }

        @Test
        void forgetsAKeyOneWindowAfterItsLastRecord() {
            store.recordInWindow("w", at(0), SHORT_TTL);
            elapse(MORE_THAN_SHORT_TTL);

            assertThat(store.recordInWindow("w", at(0), SHORT_TTL)).isEqualTo(1);
        }

        @Test
        void keepsAKeyWhileItIsRecordedInAgain() {
            Instant first = Instant.parse("2026-03-01T12:00:00.000Z");
            Instant second = Instant.parse("2026-03-01T12:00:00.600Z");
            store.recordInWindow("w", first, SHORT_TTL);
            elapse(LESS_THAN_SHORT_TTL);
            store.recordInWindow("w", second, SHORT_TTL);
            elapse(LESS_THAN_SHORT_TTL);

            assertThat(store.recordInWindow("w", second, SHORT_TTL)).isEqualTo(3);
        }

        @Test
        void countsEveryConcurrentRecordExactlyOnce() throws Exception {
            List<Integer> counts = concurrently((thread, i) -> store.recordInWindow("w:busy", at(1), HOUR));

            assertThat(counts).containsExactlyInAnyOrderElementsOf(
                    IntStream.rangeClosed(1, THREADS * PER_THREAD).boxed().toList());
        }
    }

    @Nested
    class LastValues {

        @Test
        void answersNothingForAKeyNeverSet() {
            assertThat(store.swap("v", "first", HOUR)).isEmpty();
        }

        @Test
        void answersTheValueItReplaces() {
            store.swap("v", "first", HOUR);

            assertThat(store.swap("v", "second", HOUR)).contains("first");
            assertThat(store.swap("v", "third", HOUR)).contains("second");
        }

        @Test
        void keepsKeysApart() {
            store.swap("v:a", "a", HOUR);

            assertThat(store.swap("v:b", "b", HOUR)).isEmpty();
            assertThat(store.swap("v:a", "a2", HOUR)).contains("a");
        }

        @Test
        void keepsAValueUntilItsTimeToLive() {
            store.swap("v", "first", SHORT_TTL);
            elapse(LESS_THAN_SHORT_TTL);

            assertThat(store.swap("v", "second", SHORT_TTL)).contains("first");
        }

        @Test
        void forgetsAValueAfterItsTimeToLive() {
            store.swap("v", "first", SHORT_TTL);
            elapse(MORE_THAN_SHORT_TTL);

            assertThat(store.swap("v", "second", SHORT_TTL)).isEmpty();
        }

        @Test
        void chainsConcurrentSwapsSoThatEachValueIsReplacedAtMostOnce() throws Exception {
            List<Optional<String>> previous = concurrently(
                    (thread, i) -> store.swap("v:busy", thread + "-" + i, HOUR));
            Optional<String> last = store.swap("v:busy", "last", HOUR);

            List<String> replaced = new ArrayList<>(previous.stream().flatMap(Optional::stream).toList());
            replaced.add(last.orElseThrow());
            assertThat(previous).filteredOn(Optional::isEmpty).hasSize(1);
            assertThat(replaced).doesNotHaveDuplicates().hasSize(THREADS * PER_THREAD);
        }

        @Test
        void givesEachSwapItsOwnTimeToLive() {
            store.swap("v", "long-lived", HOUR);
            store.swap("v", "short-lived", SHORT_TTL);
            elapse(MORE_THAN_SHORT_TTL);

            assertThat(store.swap("v", "next", HOUR)).isEmpty();
        }
    }

    @Nested
    class MemberSets {

        @Test
        void saysAMemberIsNewOnlyTheFirstTime() {
            assertThat(store.addMember("s", "phone", HOUR)).isTrue();
            assertThat(store.addMember("s", "phone", HOUR)).isFalse();
            assertThat(store.addMember("s", "laptop", HOUR)).isTrue();
            assertThat(store.addMember("s", "laptop", HOUR)).isFalse();
        }

        @Test
        void keepsKeysApart() {
            store.addMember("s:a", "phone", HOUR);

            assertThat(store.addMember("s:b", "phone", HOUR)).isTrue();
        }

        @Test
        void findsEachMemberNewExactlyOnceUnderConcurrentAdds() throws Exception {
            List<String> added = concurrently((thread, i) -> store.addMember("s:busy", "m" + i, HOUR) ? "m" + i : "");

            assertThat(added).filteredOn(member -> !member.isEmpty())
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.range(0, PER_THREAD).mapToObj(i -> "m" + i).toList());
        }

        @Test
        void forgetsTheSetAfterItsTimeToLive() {
            store.addMember("s", "phone", SHORT_TTL);
            elapse(MORE_THAN_SHORT_TTL);

            assertThat(store.addMember("s", "phone", SHORT_TTL)).isTrue();
        }

        @Test
        void keepsTheWholeSetWhileMembersAreAdded() {
            store.addMember("s", "phone", SHORT_TTL);
            elapse(LESS_THAN_SHORT_TTL);
            store.addMember("s", "laptop", SHORT_TTL);
            elapse(LESS_THAN_SHORT_TTL);

            assertThat(store.addMember("s", "phone", SHORT_TTL)).isFalse();
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
    private <T> List<T> concurrently(Step<T> step) throws Exception {
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
