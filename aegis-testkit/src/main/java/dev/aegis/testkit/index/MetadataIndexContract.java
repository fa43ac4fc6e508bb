package dev.aegis.testkit.index;

import static dev.aegis.testkit.index.DecisionFixtures.DAY_ONE;
import static dev.aegis.testkit.index.DecisionFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.index.DecisionQuery;
import dev.aegis.api.index.DecisionSummary;
import dev.aegis.api.index.MetadataIndex;
import dev.aegis.api.index.SubjectQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MetadataIndex} adapter must show, the embedded one included. An adapter's test extends
 * this class and says how to open a fresh, empty index with a given time to live.
 */
public abstract class MetadataIndexContract {

    /** The time to live of the index that each test opens. */
    protected static final Duration TTL = Duration.ofDays(3);

    private static final Optional<String> EU = Optional.of("eu-west");
    private static final Optional<String> US = Optional.of("us-east");
    private static final Comparator<DecisionSummary> NEWEST_FIRST = Comparator.comparing(DecisionSummary::time)
            .thenComparing(DecisionSummary::evaluationId).reversed();

    private final DecisionFixtures decisions = new DecisionFixtures();
    private MetadataIndex index;

    /** A fresh, empty index keeping decisions for {@code ttl}; each test opens its own and this suite closes it. */
    protected abstract MetadataIndex index(Duration ttl);

    @BeforeEach
    void openIndex() {
        index = index(TTL);
    }

    @AfterEach
    void closeIndex() {
        index.close();
    }

    @Test
    void anEmptyIndexAnswersNothing() {
        index.record(List.of());

        assertThat(index.forSubject(latest("t1", "alice", 10))).isEmpty();
        assertThat(index.find(new DecisionQuery("t1", "BLOCK", "eu-west", DAY_ONE, at(30, 0), 10))).isEmpty();
        assertThat(index.expire(at(30, 0))).isZero();
    }

    @Test
    void aSubjectsDecisionsComeNewestFirstWithTiesByEvaluationIdDescending() {
        DecisionSummary early = decisions.of("t1", "alice", at(0, 10));
        DecisionSummary tieA = decisions.of("t1", "alice", at(0, 20), "eval-a");
        DecisionSummary tieB = decisions.of("t1", "alice", at(0, 20), "eval-b");
        DecisionSummary late = decisions.of("t1", "alice", at(0, 30));
        index.record(List.of(tieA, early, late, tieB));

        assertThat(index.forSubject(latest("t1", "alice", 10))).containsExactly(late, tieB, tieA, early);
    }

    @Test
    void theLimitKeepsTheNewest() {
        List<DecisionSummary> five = new ArrayList<>();
        for (int second = 1; second <= 5; second++) {
            five.add(decisions.of("t1", "alice", at(0, second)));
        }
        index.record(five);

        assertThat(index.forSubject(latest("t1", "alice", 2))).containsExactly(five.get(4), five.get(3));
    }

    @Test
    void sinceIsInclusive() {
        DecisionSummary before = decisions.of("t1", "alice", at(0, 10));
        DecisionSummary atSince = decisions.of("t1", "alice", at(0, 20));
        DecisionSummary after = decisions.of("t1", "alice", at(0, 30));
        index.record(List.of(before, atSince, after));

        assertThat(index.forSubject(new SubjectQuery("t1", "alice", Optional.of(at(0, 20)), 10)))
                .containsExactly(after, atSince);
    }

    @Test
    void tenantsDoNotSeeEachOthersSubjects() {
        DecisionSummary mine = decisions.of("t1", "alice", at(0, 10));
        DecisionSummary theirs = decisions.of("t2", "alice", at(0, 20));
        index.record(List.of(mine, theirs));

        assertThat(index.forSubject(latest("t1", "alice", 10))).containsExactly(mine);
        assertThat(index.forSubject(latest("t2", "alice", 10))).containsExactly(theirs);
        assertThat(index.forSubject(latest("t3", "alice", 10))).isEmpty();
    }

    @Test
    void subjectsAreKeptApart() {
        DecisionSummary alice = decisions.of("t1", "alice", at(0, 10));
        DecisionSummary bob = decisions.of("t1", "bob", at(0, 20));
        DecisionSummary alicia = decisions.of("t1", "alicia", at(0, 30));
        index.record(List.of(alice, bob, alicia));

        assertThat(index.forSubject(latest("t1", "alice", 10))).containsExactly(alice);
        assertThat(index.forSubject(latest("t1", "bob", 10))).containsExactly(bob);
    }

    @Test
    void aRepeatedEvaluationIdIsIgnoredInsideABatchAndAcrossBatches() {
        DecisionSummary first = decisions.of("t1", "alice", at(0, 10), "eval-x");
        DecisionSummary repeated = new DecisionSummary("t1", "alice", at(0, 10), "eval-x", "other", "BLOCK", 1.0,
                EU, List.of("repeated"));
        index.record(List.of(first, repeated));
        index.record(List.of(repeated, decisions.of("t1", "bob", at(0, 20))));

        assertThat(index.forSubject(latest("t1", "alice", 10))).containsExactly(first);
        assertThat(index.find(new DecisionQuery("t1", "BLOCK", "eu-west", DAY_ONE, at(1, 0), 10))).isEmpty();
        assertThat(index.forSubject(latest("t1", "bob", 10))).hasSize(1);
    }

    @Test
    void findAnswersOneKindInOneRegionOfOneTenantInTheRangeNewestFirst() {
        Instant from = at(1, 0);
        Instant to = at(2, 0);
        DecisionSummary atFrom = decisions.kind("t1", "BLOCK", EU, from);
        DecisionSummary inside = decisions.kind("t1", "BLOCK", EU, at(1, 3_600));
        DecisionSummary lastInside = decisions.kind("t1", "BLOCK", EU, to.minusMillis(1));
        index.record(List.of(inside, atFrom, lastInside,
                decisions.kind("t1", "BLOCK", EU, from.minusMillis(1)), decisions.kind("t1", "BLOCK", EU, to),
                decisions.kind("t1", "ALLOW", EU, at(1, 60)), decisions.kind("t1", "BLOCK", US, at(1, 60)),
                decisions.kind("t2", "BLOCK", EU, at(1, 60))));

        assertThat(index.find(new DecisionQuery("t1", "BLOCK", "eu-west", from, to, 10)))
                .containsExactly(lastInside, inside, atFrom);
        assertThat(index.find(new DecisionQuery("t1", "BLOCK", "eu-west", from, at(1, 3_600), 10)))
                .containsExactly(atFrom);
    }

    @Test
    void aDecisionWithoutARegionIsNeverFoundByRegion() {
        DecisionSummary nowhere = decisions.kind("t1", "BLOCK", Optional.empty(), at(0, 10));
        index.record(List.of(nowhere));

        assertThat(index.find(new DecisionQuery("t1", "BLOCK", "eu-west", DAY_ONE, at(1, 0), 10))).isEmpty();
        assertThat(index.find(new DecisionQuery("t1", "BLOCK", "", DAY_ONE, at(1, 0), 10))).isEmpty();
        assertThat(index.forSubject(latest("t1", "alice", 10))).containsExactly(nowhere);
    }

    @Test
    void reasonsAndScoresSurviveExactly() {
        List<String> awkward = List.of("", "comma, and \"quotes\"", "back\\slash", "line\nbreak\ttab",
                "[\"json\", 1]", "ünïcödé ✓ 🚀", "nul\u0000char", "|;'\u001f,", "lone \uD800 surrogate");
        DecisionSummary odd = new DecisionSummary("t1", "alice", at(0, 1), "eval-odd", "login-risk", "REVIEW",
                0.1 + 0.2, EU, awkward);
        DecisionSummary none = new DecisionSummary("t1", "alice", at(0, 2), "eval-none", "login-risk", "ALLOW",
                1e-300, Optional.empty(), List.of());
        DecisionSummary huge = new DecisionSummary("t1", "alice", at(0, 3), "eval-huge", "login-risk", "BLOCK",
                Double.MAX_VALUE, US, List.of("one"));
        index.record(List.of(odd, none, huge));

        assertThat(index.forSubject(latest("t1", "alice", 10))).containsExactly(huge, none, odd);
    }

    @Test
    void aSubjectsDecisionsOverTenDaysStayInOrder() {
        List<DecisionSummary> recorded = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            for (int hour = 1; hour <= 3; hour++) {
                recorded.add(decisions.of("t1", "alice", at(day, hour * 3_600L)));
            }
        }
        index.record(shuffled(recorded));
        List<DecisionSummary> newestFirst = recorded.reversed();

        assertThat(index.forSubject(latest("t1", "alice", 100))).containsExactlyElementsOf(newestFirst);
        assertThat(index.forSubject(latest("t1", "alice", 7))).containsExactlyElementsOf(newestFirst.subList(0, 7));
        assertThat(index.forSubject(new SubjectQuery("t1", "alice", Optional.of(at(7, 7_200)), 100)))
                .containsExactlyElementsOf(newestFirst.subList(0, 8));
    }

    @Test
    void findOverTenDaysStaysInOrderAndStopsAtTheLimit() {
        List<DecisionSummary> blocks = new ArrayList<>();
        List<DecisionSummary> all = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            blocks.add(decisions.kind("t1", "BLOCK", EU, at(day, 600)));
            blocks.add(decisions.kind("t1", "BLOCK", EU, at(day, 1_200)));
            all.add(decisions.kind("t1", "ALLOW", EU, at(day, 900)));
        }
        all.addAll(blocks);
        index.record(shuffled(all));
        List<DecisionSummary> daysTwoToSeven = blocks.subList(4, 16).reversed();

        assertThat(index.find(new DecisionQuery("t1", "BLOCK", "eu-west", at(2, 0), at(8, 0), 100)))
                .containsExactlyElementsOf(daysTwoToSeven);
        assertThat(index.find(new DecisionQuery("t1", "BLOCK", "eu-west", at(2, 0), at(8, 0), 5)))
                .containsExactlyElementsOf(daysTwoToSeven.subList(0, 5));
    }

    @Test
    void expiryDropsTheWholeDaysThatEndedATimeToLiveAgoAndKeepsTheRest() {
        List<DecisionSummary> noons = new ArrayList<>();
        for (int day = 0; day < 5; day++) {
            noons.add(decisions.of("t1", "alice", at(day, 43_200)));
        }
        index.record(noons);
        Instant dayOneEndedATtlAgo = at(2, 0).plus(TTL);

        assertThat(index.expire(dayOneEndedATtlAgo.minusMillis(1))).isEqualTo(1);
        assertThat(index.expire(dayOneEndedATtlAgo)).isEqualTo(1);
        assertThat(index.expire(dayOneEndedATtlAgo)).isZero();

        assertThat(index.forSubject(latest("t1", "alice", 10))).containsExactlyElementsOf(noons.subList(2, 5)
                .reversed());
    }

    @Test
    void decisionsRecordedAfterAnExpiryIntoNewDaysAreFound() {
        index.record(List.of(decisions.of("t1", "alice", at(0, 10))));
        assertThat(index.expire(at(1, 0).plus(TTL))).isEqualTo(1);
        DecisionSummary later = decisions.of("t1", "alice", at(5, 10));
        DecisionSummary block = decisions.kind("t1", "BLOCK", EU, at(6, 10));

        index.record(List.of(later, block));

        assertThat(index.forSubject(latest("t1", "alice", 10))).containsExactly(block, later);
        assertThat(index.find(new DecisionQuery("t1", "BLOCK", "eu-west", DAY_ONE, at(7, 0), 10)))
                .containsExactly(block);
    }

    @Test
    void aBatchOfFiveThousandIsStoredWhole() {
        List<DecisionSummary> many = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            many.add(decisions.of("t1", "subject-" + i % 50, at(i % 3, i)));
        }

        index.record(many);

        assertThat(index.forSubject(latest("t1", "subject-7", 1_000))).hasSize(100);
        assertThat(index.find(new DecisionQuery("t1", "ALLOW", "eu-west", DAY_ONE, at(3, 0), 10_000)))
                .hasSize(5_000);
    }

    @Test
    void concurrentWritersStoreEveryDecisionOnceAndReadersSeeThemInOrder() throws Exception {
        List<DecisionSummary> shared = batch(20);
        List<List<DecisionSummary>> own = new ArrayList<>();
        for (int writer = 0; writer < 8; writer++) {
            own.add(batch(100));
        }
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (List<DecisionSummary> batch : own) {
                done.add(threads.submit(() -> writeAndRead(shared, batch)));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        }
        List<DecisionSummary> all = new ArrayList<>(shared);
        own.forEach(all::addAll);

        assertThat(index.forSubject(latest("t1", "alice", 10_000)))
                .containsExactlyElementsOf(all.stream().sorted(NEWEST_FIRST).toList());
    }

    private void writeAndRead(List<DecisionSummary> shared, List<DecisionSummary> batch) {
        index.record(shared);
        for (int part = 0; part < batch.size(); part += 25) {
            index.record(batch.subList(part, part + 25));
            assertThat(index.forSubject(latest("t1", "alice", 10))).isSortedAccordingTo(NEWEST_FIRST);
        }
    }

    private List<DecisionSummary> batch(int size) {
        List<DecisionSummary> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            batch.add(decisions.of("t1", "alice", at(i % 2, i)));
        }
        return batch;
    }

    private static SubjectQuery latest(String tenant, String subject, int limit) {
        return new SubjectQuery(tenant, subject, Optional.empty(), limit);
    }

    private static List<DecisionSummary> shuffled(List<DecisionSummary> summaries) {
        List<DecisionSummary> shuffled = new ArrayList<>(summaries);
        Collections.shuffle(shuffled, new Random(42));
        return shuffled;
    }
}
