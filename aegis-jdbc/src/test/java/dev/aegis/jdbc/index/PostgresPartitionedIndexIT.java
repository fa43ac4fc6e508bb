package dev.aegis.jdbc.index;

import static dev.aegis.testkit.index.DecisionFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.index.DecisionQuery;
import dev.aegis.api.index.DecisionSummary;
import dev.aegis.api.index.MetadataIndex;
import dev.aegis.api.index.SubjectQuery;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.jdbc.LocalPostgres;
import dev.aegis.jdbc.task.JdbcTaskStore;
import dev.aegis.testkit.index.DecisionFixtures;
import dev.aegis.testkit.index.MetadataIndexContract;
import dev.aegis.testkit.task.TaskFixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a real PostgreSQL at 127.0.0.1:5432 (user postgres, no password) the index is one table natively partitioned
 * by day: it passes the metadata index contract, in a database of its own that is emptied before each test and
 * dropped afterwards; expiry drops whole partitions and nothing else; queries touch only the partitions they need;
 * nodes that share the database create and drop days under each other without failing; and it shares a database
 * with the task store, whichever is migrated first. Without a server every test fails: CI starts one, and so must
 * a developer.
 */
class PostgresPartitionedIndexIT extends MetadataIndexContract {

    private static final String DATABASE = "aegis_index_it_" + UUID.randomUUID().toString().replace("-", "");
    private static final String SHARED = DATABASE + "_shared";
    private static final Pattern DAY_PARTITION = Pattern.compile("decisions_\\d{8}");

    private final DecisionFixtures decisions = new DecisionFixtures();

    @BeforeAll
    static void createDatabases() {
        LocalPostgres.execute("postgres", "CREATE DATABASE " + DATABASE);
        LocalPostgres.execute("postgres", "CREATE DATABASE " + SHARED);
    }

    @AfterAll
    static void dropDatabases() {
        LocalPostgres.execute("postgres", "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        LocalPostgres.execute("postgres", "DROP DATABASE IF EXISTS " + SHARED + " WITH (FORCE)");
    }

    /** Empties the database, then opens the index on it; the tests below open more nodes on the same one. */
    @Override
    protected MetadataIndex index(Duration ttl) {
        LocalPostgres.execute(DATABASE, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        return node();
    }

    @Test
    void theDaysArePartitionsOfOneTableWithTheParentsIndexes() throws SQLException {
        try (JdbcMetadataIndex index = node()) {
            index.record(List.of(decisions.of("t1", "alice", at(0, 10)), decisions.of("t1", "alice", at(1, 10))));
        }

        assertThat(strings(DATABASE, "SELECT CAST(inhrelid AS regclass) FROM pg_inherits "
                + "WHERE inhparent = CAST('decisions' AS regclass) ORDER BY 1"))
                .containsExactly("decisions_20260301", "decisions_20260302");
        assertThat(strings(DATABASE, "SELECT indexname FROM pg_indexes WHERE tablename = 'decisions_20260302' "
                + "ORDER BY 1")).hasSize(3).contains("decisions_20260302_pk");
        assertThat(strings(DATABASE, "SELECT pg_get_expr(relpartbound, oid) FROM pg_class "
                + "WHERE relname = 'decisions_20260302'"))
                .containsExactly("FOR VALUES FROM ('2026-03-02 00:00:00+00') TO ('2026-03-03 00:00:00+00')");
    }

    @Test
    void expiryDropsTheExpiredPartitionsAndLeavesTheOthersRowsAsTheyWere() throws SQLException {
        try (JdbcMetadataIndex index = node()) {
            for (int day = 0; day < 5; day++) {
                index.record(List.of(decisions.of("t1", "alice", at(day, 10)), decisions.of("t1", "bob", at(day, 20))));
            }
            Map<String, List<String>> survivors = new LinkedHashMap<>(rowsByPartition());
            survivors.keySet().removeAll(List.of("decisions_20260301", "decisions_20260302"));

            assertThat(index.expire(at(2, 0).plus(TTL))).isEqualTo(2);

            assertThat(rowsByPartition()).containsExactlyEntriesOf(survivors)
                    .containsOnlyKeys("decisions_20260303", "decisions_20260304", "decisions_20260305");
            assertThat(strings(DATABASE, "SELECT tablename FROM pg_tables WHERE tablename LIKE 'decisions%' "
                    + "ORDER BY 1")).containsExactly("decisions", "decisions_20260303", "decisions_20260304",
                    "decisions_20260305");
        }
    }

    @Test
    void aQueryWithATimeRangeTouchesOnlyThePartitionsOfItsDays() throws SQLException {
        try (JdbcMetadataIndex index = node()) {
            for (int day = 0; day < 10; day++) {
                index.record(List.of(decisions.of("t1", "alice", at(day, 10)),
                        decisions.kind("t1", "BLOCK", Optional.of("eu-west"), at(day, 20))));
            }
        }

        assertThat(partitionsInPlan(PartitionQueries.FOR_SUBJECT_SINCE, "t1", "alice", at(8, 0), 10))
                .containsExactly("decisions_20260309", "decisions_20260310");
        assertThat(partitionsInPlan(PartitionQueries.FIND, "t1", "BLOCK", "eu-west", at(4, 0), at(5, 0), 10))
                .containsExactly("decisions_20260305");
    }

    @Test
    void theLatestOfASubjectReadsOnlyTheNewestPartitionsUpToTheLimit() throws SQLException {
        try (JdbcMetadataIndex index = node()) {
            for (int day = 0; day < 10; day++) {
                index.record(List.of(decisions.of("t1", "alice", at(day, 10)), decisions.of("t1", "alice",
                        at(day, 20))));
            }
        }

        List<String> plan = plan("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) "
                + PartitionQueries.FOR_SUBJECT, "t1", "alice", 3);

        assertThat(plan.stream().filter(line -> DAY_PARTITION.matcher(line).find() && !line.contains("never "
                + "executed")).map(PostgresPartitionedIndexIT::partitionIn).toList())
                .containsExactly("decisions_20260310", "decisions_20260309");
    }

    @Test
    void nodesThatCreateTheSameDayAtOnceAllStoreTheirDecisions() throws Exception {
        List<JdbcMetadataIndex> nodes = List.of(node(), node(), node(), node());
        List<DecisionSummary> all = new ArrayList<>();
        try (Connection holder = LocalPostgres.connect(DATABASE); ExecutorService threads =
                Executors.newVirtualThreadPerTaskExecutor()) {
            holder.setAutoCommit(false);
            execute(holder, "LOCK TABLE ONLY decisions IN ACCESS EXCLUSIVE MODE");
            List<Future<?>> writes = new ArrayList<>();
            for (JdbcMetadataIndex node : nodes) {
                List<DecisionSummary> batch = List.of(decisions.of("t1", "alice", at(7, 10)),
                        decisions.of("t1", "alice", at(8, 10)));
                all.addAll(batch);
                writes.add(threads.submit(() -> node.record(batch)));
            }
            awaitLockWaiters(holder, nodes.size());
            holder.commit();
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            nodes.forEach(JdbcMetadataIndex::close);
        }

        try (JdbcMetadataIndex reader = node()) {
            assertThat(reader.forSubject(new SubjectQuery("t1", "alice", Optional.empty(), 100)))
                    .containsExactlyInAnyOrderElementsOf(all);
        }
    }

    @Test
    void aDayThatAnotherNodeDroppedIsCreatedAgainByTheNextWrite() {
        try (JdbcMetadataIndex expiring = node(); JdbcMetadataIndex writing = node()) {
            writing.record(List.of(decisions.of("t1", "alice", at(0, 10))));
            assertThat(expiring.expire(at(1, 0).plus(TTL))).isEqualTo(1);
            DecisionSummary late = decisions.of("t1", "alice", at(0, 20));

            writing.record(List.of(late));

            assertThat(expiring.forSubject(new SubjectQuery("t1", "alice", Optional.empty(), 10)))
                    .containsExactly(late);
            assertThat(expiring.find(new DecisionQuery("t1", "ALLOW", "eu-west", at(0, 0), at(1, 0), 10)))
                    .containsExactly(late);
        }
    }

    @Test
    void theIndexSharesADatabaseThatTheTaskStoreMigratedFirst() throws SQLException {
        LocalPostgres.execute(SHARED, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        try (JdbcTaskStore store = JdbcTaskStore.open(LocalPostgres.settings(SHARED));
                JdbcMetadataIndex index = JdbcMetadataIndex.open(LocalPostgres.settings(SHARED), TTL)) {
            assertBothWork(store, index);
        }
        assertThat(strings(SHARED, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"))
                .contains("flyway_schema_history", "flyway_partitioned_index_history", "tasks", "task_states",
                        "decisions", "decisions_20260301");
    }

    @Test
    void theTaskStoreSharesADatabaseThatTheIndexMigratedFirst() {
        LocalPostgres.execute(SHARED, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        try (JdbcMetadataIndex index = JdbcMetadataIndex.open(LocalPostgres.settings(SHARED), TTL);
                JdbcTaskStore store = JdbcTaskStore.open(LocalPostgres.settings(SHARED))) {
            assertBothWork(store, index);
        }
        try (JdbcMetadataIndex index = JdbcMetadataIndex.open(LocalPostgres.settings(SHARED), TTL);
                JdbcTaskStore store = JdbcTaskStore.open(LocalPostgres.settings(SHARED))) {
            assertThat(index.forSubject(new SubjectQuery("t1", "alice", Optional.empty(), 10))).hasSize(1);
            assertThat(index.expire(at(30, 0))).isEqualTo(1);
            assertThat(store.unfinished(Optional.empty(), 10)).hasSize(1);
        }
    }

    /** Another node on the test's database, already migrated. */
    private static JdbcMetadataIndex node() {
        return JdbcMetadataIndex.open(LocalPostgres.settings(DATABASE), TTL);
    }

    private static void assertBothWork(JdbcTaskStore store, JdbcMetadataIndex index) {
        Task task = new TaskFixtures().queued("t1", Priority.NORMAL);
        DecisionSummary decision = new DecisionFixtures().of("t1", "alice", at(0, 10));
        store.create(List.of(task));
        index.record(List.of(decision));

        assertThat(store.find("t1", task.id())).contains(task);
        assertThat(index.forSubject(new SubjectQuery("t1", "alice", Optional.empty(), 10)))
                .containsExactly(decision);
    }

    /** The rows of each day partition, by name: each row as its columns, joined. */
    private static Map<String, List<String>> rowsByPartition() throws SQLException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String partition : strings(DATABASE, "SELECT CAST(inhrelid AS regclass) FROM pg_inherits "
                + "WHERE inhparent = CAST('decisions' AS regclass) ORDER BY 1")) {
            rows.put(partition, strings(DATABASE, "SELECT CONCAT_WS('|', " + DecisionRows.COLUMNS + ") FROM "
                    + partition + " ORDER BY evaluation_id"));
        }
        return rows;
    }

    /** The day partitions that the plan of {@code sql}, with these parameters, reads. */
    private static TreeSet<String> partitionsInPlan(String sql, Object... parameters) throws SQLException {
        TreeSet<String> partitions = new TreeSet<>();
        for (String line : plan("EXPLAIN (COSTS OFF) " + sql, parameters)) {
            Matcher partition = DAY_PARTITION.matcher(line);
            while (partition.find()) {
                partitions.add(partition.group());
            }
        }
        return partitions;
    }

    private static String partitionIn(String line) {
        Matcher partition = DAY_PARTITION.matcher(line);
        return partition.find() ? partition.group() : "";
    }

    private static List<String> plan(String explain, Object... parameters) throws SQLException {
        try (Connection connection = LocalPostgres.connect(DATABASE);
                PreparedStatement select = connection.prepareStatement(explain)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof Instant at) {
                    DecisionRows.setInstant(select, i + 1, at);
                } else {
                    select.setObject(i + 1, parameters[i]);
                }
            }
            return strings(select);
        }
    }

    /** Waits, at most ten seconds, until {@code count} other transactions wait for a lock on the parent. */
    private static void awaitLockWaiters(Connection connection, int count) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String waiters = "SELECT COUNT(*) FROM pg_locks WHERE relation = CAST('decisions' AS regclass) "
                + "AND NOT granted";
        while (Integer.parseInt(strings(connection, waiters).getFirst()) < count) {
            assertThat(System.nanoTime()).as("%d transactions waiting for the parent", count).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static List<String> strings(String database, String sql) throws SQLException {
        try (Connection connection = LocalPostgres.connect(database)) {
            return strings(connection, sql);
        }
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            return strings(select);
        }
    }

    private static List<String> strings(PreparedStatement select) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
