package dev.aegis.core.shard;

import static dev.aegis.testkit.index.DecisionFixtures.DAY_ONE;
import static dev.aegis.testkit.index.DecisionFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.index.DecisionQuery;
import dev.aegis.api.index.DecisionSummary;
import dev.aegis.api.index.MetadataIndex;
import dev.aegis.api.index.MetadataIndexException;
import dev.aegis.api.index.SubjectQuery;
import dev.aegis.core.index.InMemoryMetadataIndex;
import dev.aegis.testkit.index.DecisionFixtures;
import dev.aegis.testkit.index.MetadataIndexContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Over three in-memory shards the sharded index passes the contract; and what sharding adds to it. */
class ShardedMetadataIndexTest extends MetadataIndexContract {

    private static final Duration DEADLINE = Duration.ofMillis(200);
    private static final Optional<String> EU = Optional.of("eu-west");
    private static final DecisionQuery EVERY_BLOCK = new DecisionQuery("t1", "BLOCK", "eu-west", DAY_ONE, at(10, 0),
            1_000);

    private final DecisionFixtures decisions = new DecisionFixtures();

    @Override
    protected MetadataIndex index(Duration ttl) {
        return ShardedMetadataIndex.over(List.of(new InMemoryMetadataIndex(ttl), new InMemoryMetadataIndex(ttl),
                new InMemoryMetadataIndex(ttl)), Duration.ofSeconds(10));
    }

    @Test
    void eachSubjectsDecisionsLandOnTheShardJumpHashNames() {
        List<MetadataIndex> shards = inMemory(3);
        try (ShardedMetadataIndex index = ShardedMetadataIndex.over(shards, DEADLINE)) {
            index.record(spread("t1", 100));
            index.record(spread("t2", 100));

            for (String tenant : List.of("t1", "t2")) {
                for (int subject = 0; subject < 100; subject++) {
                    int owner = JumpHash.shardOf(tenant, "subject-" + subject, 3);
                    assertThat(index.shardOf(tenant, "subject-" + subject)).isEqualTo(owner);
                    for (int shard = 0; shard < 3; shard++) {
                        assertThat(shards.get(shard).forSubject(latest(tenant, "subject-" + subject)))
                                .as("%s/subject-%d on shard %d", tenant, subject, shard)
                                .hasSize(shard == owner ? 1 : 0);
                    }
                }
            }
        }
    }

    @Test
    void findMergesEveryShardsAnswerNewestFirstAndKeepsTheLimit() {
        try (ShardedMetadataIndex index = ShardedMetadataIndex.over(inMemory(3), DEADLINE)) {
            List<DecisionSummary> blocks = spread("t1", 90);
            index.record(blocks);
            List<DecisionSummary> newestFirst = blocks.stream().sorted(Comparator.comparing(DecisionSummary::time)
                    .reversed()).toList();

            assertThat(index.find(EVERY_BLOCK)).containsExactlyElementsOf(newestFirst);
            assertThat(index.find(new DecisionQuery("t1", "BLOCK", "eu-west", DAY_ONE, at(10, 0), 7)))
                    .containsExactlyElementsOf(newestFirst.subList(0, 7));
        }
    }

    @Test
    void aShardThatMissesTheDeadlineFailsFindSoonAfterItAndIsCancelled() throws InterruptedException {
        SlowShard slow = new SlowShard();
        try (ShardedMetadataIndex index = ShardedMetadataIndex.over(List.of(memory(), memory(), slow), DEADLINE)) {
            long started = System.nanoTime();

            assertThatThrownBy(() -> index.find(EVERY_BLOCK))
                    .isInstanceOf(MetadataIndexException.class)
                    .hasMessage("shard 2 of 3 did not find the BLOCK decisions in eu-west within PT0.2S");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(DEADLINE, DEADLINE.plusSeconds(1));
            assertThat(slow.interrupted.await(1, TimeUnit.SECONDS)).as("the slow call was cancelled").isTrue();
        }
    }

    @Test
    void aFailingShardFailsFindAtOnceNamedWithItsCauseAndTheSlowOnesAreCancelled() throws InterruptedException {
        MetadataIndexException onFire = new MetadataIndexException("disk on fire", null);
        SlowShard slow = new SlowShard();
        try (ShardedMetadataIndex index = ShardedMetadataIndex.over(List.of(memory(), new FailingShard(onFire),
                slow), Duration.ofMinutes(1))) {
            long started = System.nanoTime();

            assertThatThrownBy(() -> index.find(EVERY_BLOCK))
                    .isInstanceOf(MetadataIndexException.class)
                    .hasMessage("shard 1 of 3 failed to find the BLOCK decisions in eu-west: disk on fire")
                    .hasCause(onFire);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(slow.interrupted.await(1, TimeUnit.SECONDS)).as("the slow call was cancelled").isTrue();
        }
    }

    @Test
    void aFailingShardFailsRecordNamedAndTheOtherShardsStoreTheirParts() {
        MetadataIndexException onFire = new MetadataIndexException("disk on fire", null);
        List<MetadataIndex> shards = List.of(memory(), new FailingShard(onFire), memory());
        List<DecisionSummary> batch = spread("t1", 30);
        try (ShardedMetadataIndex index = ShardedMetadataIndex.over(shards, DEADLINE)) {
            assertThatThrownBy(() -> index.record(batch))
                    .isInstanceOf(MetadataIndexException.class)
                    .hasMessage("shard 1 of 3 failed to record 30 decisions: disk on fire")
                    .hasCause(onFire);

            for (DecisionSummary decision : batch) {
                int owner = index.shardOf(decision.tenant(), decision.subject());
                if (owner != 1) {
                    assertThat(shards.get(owner).forSubject(latest("t1", decision.subject()))).contains(decision);
                }
            }
        }
    }

    @Test
    void expiryExpiresEveryShardAndAnswersTheMostDaysAnyOneDropped() {
        List<MetadataIndex> shards = inMemory(3);
        try (ShardedMetadataIndex index = ShardedMetadataIndex.over(shards, DEADLINE)) {
            shards.get(0).record(List.of(decisions.of("t1", "a", at(0, 10)), decisions.of("t1", "a", at(1, 10))));
            shards.get(1).record(List.of(decisions.of("t1", "b", at(0, 10))));
            shards.get(2).record(List.of(decisions.of("t1", "c", at(5, 10))));

            assertThat(index.expire(at(2, 0).plus(TTL))).isEqualTo(2);

            assertThat(shards.get(0).forSubject(latest("t1", "a"))).isEmpty();
            assertThat(shards.get(1).forSubject(latest("t1", "b"))).isEmpty();
            assertThat(shards.get(2).forSubject(latest("t1", "c"))).hasSize(1);
        }
    }

    @Test
    void overOneShardItIsThatShardFailuresIncluded() {
        MetadataIndexException onFire = new MetadataIndexException("disk on fire", null);
        try (ShardedMetadataIndex index = ShardedMetadataIndex.over(List.of(new FailingShard(onFire)), DEADLINE)) {
            assertThatThrownBy(() -> index.find(EVERY_BLOCK)).isSameAs(onFire);
            assertThatThrownBy(() -> index.record(spread("t1", 10))).isSameAs(onFire);
            assertThatThrownBy(() -> index.expire(at(9, 0))).isSameAs(onFire);
            assertThat(index.shardOf("t1", "anyone")).isZero();
        }
    }

    @Test
    void closingClosesEveryShardThoughOneFailsToClose() {
        MetadataIndexException onFire = new MetadataIndexException("disk on fire", null);
        List<ClosingShard> shards = List.of(new ClosingShard(Optional.empty()),
                new ClosingShard(Optional.of(onFire)), new ClosingShard(Optional.empty()));
        ShardedMetadataIndex index = ShardedMetadataIndex.over(shards, DEADLINE);

        assertThatThrownBy(index::close).isSameAs(onFire);
        assertThat(shards).allSatisfy(shard -> assertThat(shard.closed).isTrue());
        assertThatThrownBy(() -> index.find(EVERY_BLOCK))
                .isInstanceOf(MetadataIndexException.class)
                .hasMessage("cannot find the BLOCK decisions in eu-west: the sharded index is closed");
    }

    @Test
    void thereMustBeAShardAndAPositiveDeadline() {
        assertThatThrownBy(() -> ShardedMetadataIndex.over(List.of(), DEADLINE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a sharded index needs at least 1 shard");
        assertThatThrownBy(() -> ShardedMetadataIndex.over(inMemory(2), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the deadline of a sharded index must be positive, was PT0S");
    }

    /** One BLOCK in eu-west for each of {@code subjects} subjects of the tenant, a minute apart from day 0 on. */
    private List<DecisionSummary> spread(String tenant, int subjects) {
        List<DecisionSummary> spread = new ArrayList<>();
        for (int subject = 0; subject < subjects; subject++) {
            DecisionSummary block = decisions.kind(tenant, "BLOCK", EU, at(0, 60L * subject));
            spread.add(new DecisionSummary(tenant, "subject-" + subject, block.time(), block.evaluationId(),
                    block.pipeline(), block.decision(), block.score(), block.region(), block.reasons()));
        }
        return spread;
    }

    private static List<MetadataIndex> inMemory(int shards) {
        List<MetadataIndex> inMemory = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            inMemory.add(memory());
        }
        return inMemory;
    }

    private static MetadataIndex memory() {
        return new InMemoryMetadataIndex(TTL);
    }

    private static SubjectQuery latest(String tenant, String subject) {
        return new SubjectQuery(tenant, subject, Optional.empty(), 100);
    }
}
