package dev.aegis.jdbc.index;

import static dev.aegis.testkit.index.DecisionFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.index.DecisionSummary;
import dev.aegis.api.index.MetadataIndex;
import dev.aegis.core.shard.ShardedMetadataIndex;
import dev.aegis.jdbc.LocalPostgres;
import dev.aegis.testkit.index.DecisionFixtures;
import dev.aegis.testkit.index.MetadataIndexContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sharded index over three partitioned PostgreSQL indexes, each in a database of its own on 127.0.0.1:5432, passes
 * the metadata index contract, and keeps each subject's decisions in the one database that jump hashing names.
 */
class ShardedPostgresIndexIT extends MetadataIndexContract {

    private static final String PREFIX = "aegis_shard_it_" + UUID.randomUUID().toString().replace("-", "") + "_";
    private static final int SHARDS = 3;
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @BeforeAll
    static void createDatabases() {
        for (int shard = 0; shard < SHARDS; shard++) {
            LocalPostgres.execute("postgres", "CREATE DATABASE " + PREFIX + shard);
        }
    }

    @AfterAll
    static void dropDatabases() {
        for (int shard = 0; shard < SHARDS; shard++) {
            LocalPostgres.execute("postgres", "DROP DATABASE IF EXISTS " + PREFIX + shard + " WITH (FORCE)");
        }
    }

    /** Empties the three databases, then opens the sharded index over them. */
    @Override
    protected MetadataIndex index(Duration ttl) {
        for (int shard = 0; shard < SHARDS; shard++) {
            LocalPostgres.execute(PREFIX + shard, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        }
        return sharded(ttl);
    }

    @Test
    void eachSubjectsDecisionsAreInExactlyTheDatabaseThatJumpHashingNames() throws SQLException {
        DecisionFixtures decisions = new DecisionFixtures();
        List<DecisionSummary> batch = new ArrayList<>();
        for (int subject = 0; subject < 60; subject++) {
            for (String tenant : List.of("t1", "t2")) {
                batch.add(decisions.of(tenant, "subject-" + subject, at(subject % 3, subject)));
            }
        }
        try (ShardedMetadataIndex index = sharded(TTL)) {
            index.record(batch);

            Map<String, List<Integer>> shardsBySubject = shardsBySubject();
            assertThat(shardsBySubject).hasSize(120);
            for (DecisionSummary decision : batch) {
                assertThat(shardsBySubject.get(decision.tenant() + "/" + decision.subject()))
                        .as("the databases holding %s/%s", decision.tenant(), decision.subject())
                        .containsExactly(index.shardOf(decision.tenant(), decision.subject()));
            }
            assertThat(shardsBySubject.values().stream().distinct()).hasSize(SHARDS);
        }
    }

    private static ShardedMetadataIndex sharded(Duration ttl) {
        List<MetadataIndex> shards = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            shards.add(JdbcMetadataIndex.open(LocalPostgres.settings(PREFIX + shard), ttl));
        }
        return ShardedMetadataIndex.over(shards, DEADLINE);
    }

    /** For each tenant/subject, the shards whose database holds a decision of it. */
    private static Map<String, List<Integer>> shardsBySubject() throws SQLException {
        Map<String, List<Integer>> shards = new HashMap<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            try (Connection connection = LocalPostgres.connect(PREFIX + shard);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT DISTINCT tenant || '/' || subject "
                            + "FROM decisions")) {
                while (rows.next()) {
                    shards.computeIfAbsent(rows.getString(1), subject -> new ArrayList<>()).add(shard);
                }
            }
        }
        return shards;
    }
}
