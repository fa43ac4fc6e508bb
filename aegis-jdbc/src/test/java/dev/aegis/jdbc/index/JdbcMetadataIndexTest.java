package dev.aegis.jdbc.index;

import static dev.aegis.testkit.index.DecisionFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.index.DecisionQuery;
import dev.aegis.api.index.DecisionSummary;
import dev.aegis.api.index.MetadataIndexException;
import dev.aegis.api.index.SubjectQuery;
import dev.aegis.api.task.Priority;
import dev.aegis.api.task.Task;
import dev.aegis.jdbc.JdbcSettings;
import dev.aegis.jdbc.task.JdbcTaskStore;
import dev.aegis.testkit.index.DecisionFixtures;
import dev.aegis.testkit.task.TaskFixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the relational index adds to the contract: a file that outlives the process, day tables, failures. */
class JdbcMetadataIndexTest {

    private static final Duration TTL = Duration.ofDays(3);

    private final DecisionFixtures decisions = new DecisionFixtures();

    @Test
    void aReopenedFileAnswersWhatWasRecorded(@TempDir Path dataDir) {
        DecisionSummary first = decisions.of("t1", "alice", at(0, 10));
        DecisionSummary second = decisions.of("t1", "alice", at(1, 10));
        try (JdbcMetadataIndex index = JdbcMetadataIndex.h2(dataDir, TTL)) {
            index.record(List.of(first, second));
        }

        try (JdbcMetadataIndex reopened = JdbcMetadataIndex.h2(dataDir, TTL)) {
            reopened.record(List.of(second, decisions.of("t1", "bob", at(1, 20))));

            assertThat(reopened.forSubject(latest("alice"))).containsExactly(second, first);
            assertThat(dataDir.resolve("aegis.mv.db")).exists();
        }
    }

    @Test
    void expiryDropsTheExpiredDayTablesAndLeavesTheOthersRowsAsTheyWere() throws SQLException {
        JdbcSettings settings = JdbcSettings.h2InMemory();
        try (JdbcMetadataIndex index = JdbcMetadataIndex.open(settings, TTL);
                Connection look = DriverManager.getConnection(settings.url(), settings.user(),
                        settings.password())) {
            for (int day = 0; day < 5; day++) {
                index.record(List.of(decisions.of("t1", "alice", at(day, 10)), decisions.of("t1", "bob", at(day, 20))));
            }
            Map<String, List<String>> survivors = new LinkedHashMap<>(rowsByDayTable(look));
            survivors.keySet().removeAll(List.of("decisions_20260301", "decisions_20260302"));

            assertThat(index.expire(at(2, 0).plus(TTL))).isEqualTo(2);

            assertThat(rowsByDayTable(look)).containsExactlyEntriesOf(survivors)
                    .containsOnlyKeys("decisions_20260303", "decisions_20260304", "decisions_20260305");
            assertThat(catalogue(look)).containsExactly("2026-03-03", "2026-03-04", "2026-03-05");
        }
    }

    @Test
    void instantsKeepMicrosecondsAndDropFinerDigits() {
        Instant precise = Instant.parse("2026-03-01T12:00:00.123456789Z");
        try (JdbcMetadataIndex index = JdbcMetadataIndex.h2InMemory(TTL)) {
            index.record(List.of(decisions.of("t1", "alice", precise)));

            assertThat(index.forSubject(latest("alice"))).extracting(DecisionSummary::time)
                    .containsExactly(Instant.parse("2026-03-01T12:00:00.123456Z"));
        }
    }

    @Test
    void theTaskStoreAndTheIndexShareOneDatabaseInEitherOrder() {
        JdbcSettings tasksFirst = JdbcSettings.h2InMemory();
        assertBothWork(JdbcTaskStore.open(tasksFirst), JdbcMetadataIndex.open(tasksFirst, TTL));
        JdbcSettings indexFirst = JdbcSettings.h2InMemory();
        JdbcMetadataIndex index = JdbcMetadataIndex.open(indexFirst, TTL);
        assertBothWork(JdbcTaskStore.open(indexFirst), index);
    }

    @Test
    void anUnreachableDatabaseIsAMetadataIndexExceptionThatNamesIt() {
        JdbcSettings nowhere = new JdbcSettings("jdbc:postgresql://127.0.0.1:1/aegis", "aegis", "secret", 1);

        assertThatThrownBy(() -> JdbcMetadataIndex.open(nowhere, TTL))
                .isInstanceOf(MetadataIndexException.class)
                .hasMessageContaining("cannot connect to jdbc:postgresql://127.0.0.1:1/aegis")
                .hasMessageNotContaining("secret");
    }

    @Test
    void aClosedIndexFailsWithAMetadataIndexException() {
        JdbcMetadataIndex closed = JdbcMetadataIndex.h2InMemory(TTL);
        closed.close();

        assertThatThrownBy(() -> closed.record(List.of(decisions.of("t1", "alice", at(0, 1)))))
                .isInstanceOf(MetadataIndexException.class)
                .hasMessageStartingWith("cannot record 1 decisions in jdbc:h2:mem:aegis-");
        assertThatThrownBy(() -> closed.find(new DecisionQuery("t1", "BLOCK", "eu-west", at(0, 0), at(1, 0), 1)))
                .isInstanceOf(MetadataIndexException.class)
                .hasMessageStartingWith("cannot find the BLOCK decisions in eu-west in jdbc:h2:mem:aegis-");
    }

    @Test
    void aTimeToLiveMustBePositive() {
        assertThatThrownBy(() -> JdbcMetadataIndex.h2InMemory(Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT-24H");
    }

    private void assertBothWork(JdbcTaskStore store, JdbcMetadataIndex index) {
        try (store; index) {
            Task task = new TaskFixtures().queued("t1", Priority.NORMAL);
            DecisionSummary decision = decisions.of("t1", "alice", at(0, 10));
            store.create(List.of(task));
            index.record(List.of(decision));

            assertThat(store.find("t1", task.id())).contains(task);
            assertThat(index.forSubject(latest("alice"))).containsExactly(decision);
        }
    }

    private static SubjectQuery latest(String subject) {
        return new SubjectQuery("t1", subject, Optional.empty(), 100);
    }

    /** The rows of each day table, by lower-case table name: each row as its columns, joined. */
    private static Map<String, List<String>> rowsByDayTable(Connection connection) throws SQLException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : strings(connection, "SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES "
                + "WHERE LOWER(TABLE_NAME) LIKE 'decisions\\_%' ORDER BY 1")) {
            rows.put(table, strings(connection, "SELECT CONCAT_WS('|', " + DecisionRows.COLUMNS + ") FROM " + table
                    + " ORDER BY evaluation_id"));
        }
        return rows;
    }

    private static List<String> catalogue(Connection connection) throws SQLException {
        return strings(connection, "SELECT CAST(utc_day AS VARCHAR) FROM decision_days ORDER BY utc_day");
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
