package dev.aegis.core.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Jump consistent hashing spreads subjects evenly, moves few of them when a shard is added, and never changes. */
class JumpHashTest {

    private static final int KEYS = 100_000;

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 8, 13})
    void subjectsSpreadEvenlyOverTheShards(int shards) {
        int[] subjects = new int[shards];
        for (int i = 0; i < KEYS; i++) {
            subjects[JumpHash.shardOf("t1", "subject-" + i, shards)]++;
        }

        assertThat(Arrays.stream(subjects).boxed().toList()).allSatisfy(count -> assertThat(count)
                .isCloseTo(KEYS / shards, withinPercentage(10)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7, 12})
    void addingAShardMovesAboutOneInNPlusOneSubjectsAllOntoTheNewShard(int shards) {
        int moved = 0;
        for (int i = 0; i < KEYS; i++) {
            int before = JumpHash.shardOf("t1", "subject-" + i, shards);
            int after = JumpHash.shardOf("t1", "subject-" + i, shards + 1);
            if (before != after) {
                assertThat(after).as("where subject-%d moved", i).isEqualTo(shards);
                moved++;
            }
        }

        assertThat(moved).isCloseTo(KEYS / (shards + 1), withinPercentage(10));
    }

    @Test
    void bucketsAreThoseOfThePublishedAlgorithm() {
        // the same answers as Guava's Hashing.consistentHash, an independent implementation of Lamping and Veach
        assertThat(JumpHash.bucket(1L, 1_000)).isEqualTo(549);
        assertThat(JumpHash.bucket(0xdeadbeefL, 1_000)).isEqualTo(285);
        assertThat(JumpHash.bucket(-1L, 1 << 30)).isEqualTo(699_554_662);
        assertThat(JumpHash.bucket(-1L, 1)).isZero();
    }

    @Test
    void theKeyIsTheFirstEightBytesOfTheSha256OfTheTenantsLengthTheTenantAndTheSubject() {
        // sha256(00 00 00 02 "t1" "alice"), first 8 bytes, big-endian: stable across JVMs and releases
        assertThat(JumpHash.key("t1", "alice")).isEqualTo(-4_561_915_995_615_040_880L);
        assertThat(JumpHash.shardOf("t1", "alice", 1_000)).isEqualTo(346);
    }

    @Test
    void theTenantIsPartOfTheKeyAndCannotBleedIntoTheSubject() {
        assertThat(JumpHash.key("t1", "alice")).isNotEqualTo(JumpHash.key("t2", "alice"));
        assertThat(JumpHash.key("ab", "c")).isNotEqualTo(JumpHash.key("a", "bc"));
    }

    @Test
    void thereMustBeABucket() {
        assertThatThrownBy(() -> JumpHash.bucket(1L, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 bucket, were 0");
    }
}
