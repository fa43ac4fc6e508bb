package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bar on a real node with the file audit log and the embedded (H2) index in a temporary folder:
 * 1,000 evaluations, then the subject's decisions newest first and a sound chain of 1,000+ records; then a byte
 * flipped, a record deleted and two records swapped in a copy of the segment file, each found by the verify
 * endpoint of a node started over that copy, which names the record.
 */
class AuditApiIT {

    private static final int EVALUATIONS = 1_000;
    private static final int SUBJECTS = 10;
    private static final int TAMPERED = 500;

    @TempDir
    static Path data;

    /** The evaluation ids of each subject, oldest first. */
    private static final Map<String, List<String>> IDS = new HashMap<>();
    private static String taskId;

    @BeforeAll
    static void evaluateAThousandTimes() {
        try (TestNode node = start(data)) {
            for (int i = 0; i < EVALUATIONS; i++) {
                String subject = "user-" + (i % SUBJECTS);
                String region = i % 2 == 0 ? "eu-west" : "us-east";
                HttpResponse<String> answer = node.evaluate("login-risk", TestNode.SUBMITTER_KEY, """
                        {"subject": "%s", "event": {"ip": "203.0.113.%d", "device_id": "d-%d", "lat": 48.85,
                         "lon": 2.35, "region": "%s"}}""".formatted(subject, i % 250, i % 3, region));
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                IDS.computeIfAbsent(subject, key -> new ArrayList<>()).add(TestNode.json(answer).get("id").asText());
            }
            taskId = runATask(node);
            await().atMost(Duration.ofSeconds(20)).until(() -> verify(node).get("records").asLong() >= EVALUATIONS);
            assertSubjectHistory(node);
        }
    }

    @Test
    void theChainOfTheThousandEvaluationsIsSound() {
        try (TestNode node = start(copyOfData())) {
            JsonNode verdict = verify(node);

            assertThat(verdict.get("ok").asBoolean()).as(verdict.toString()).isTrue();
            assertThat(verdict.get("records").asLong()).isGreaterThanOrEqualTo(EVALUATIONS);
            assertThat(verdict.has("first_bad")).isFalse();
        }
    }

    @Test
    void aTasksMovesAreRecordedWithWhoMadeThem() throws IOException {
        List<JsonNode> moves = new ArrayList<>();
        for (String line : Files.readAllLines(largestSegment(data), StandardCharsets.UTF_8)) {
            JsonNode record = TestNode.json(line);
            if (record.path("resource").asText().equals("task/" + taskId)) {
                moves.add(record);
            }
        }

        assertThat(moves).extracting(move -> move.get("details").get("status").asText())
                .contains("QUEUED", "SUCCEEDED").doesNotHaveDuplicates();
        assertThat(moves.getFirst().get("action").asText()).isEqualTo("task.transition");
        assertThat(moves.getFirst().get("actor").asText()).startsWith("key/");
        assertThat(moves.getFirst().get("request").asText()).isEqualTo("audit-task-1");
        assertThat(moves.getFirst().get("tenant").asText()).isEqualTo("acme");
        assertThat(moves.getLast().get("actor").asText()).isEqualTo("aegis/worker");
    }

    @Test
    void aFlippedByteIsFoundAtItsRecord() {
        assertTamperingFound(lines -> {
            String line = lines.get(TAMPERED);
            int middle = line.indexOf("\"resource\"") + 14;
            char flipped = (char) (line.charAt(middle) ^ 0x01);
            lines.set(TAMPERED, line.substring(0, middle) + flipped + line.substring(middle + 1));
            return lines;
        }, sequenceAt(TAMPERED));
    }

    @Test
    void aDeletedRecordIsFoundWhereItWas() {
        assertTamperingFound(lines -> {
            lines.remove(TAMPERED);
            return lines;
        }, sequenceAt(TAMPERED));
    }

    @Test
    void twoSwappedRecordsAreFoundAtTheFirst() {
        assertTamperingFound(lines -> {
            Collections.swap(lines, TAMPERED, TAMPERED + 1);
            return lines;
        }, sequenceAt(TAMPERED));
    }

    @Test
    void decisionsOfOneKindInOneRegionAnswerInTheirRange() {
        try (TestNode node = start(copyOfData())) {
            int found = 0;
            for (String kind : List.of("ALLOW", "review", "Block")) {
                HttpResponse<String> answer = node.get("/v1/decisions?decision=" + kind + "&region=eu-west"
                        + "&limit=1000&from=2026-01-01T00:00:00Z&to=2100-01-01T00:00:00Z",
                        Optional.of(TestNode.AUDITOR_KEY));
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                JsonNode decisions = TestNode.json(answer).get("decisions");
                decisions.forEach(decision -> {
                    assertThat(decision.get("decision").asText()).isEqualToIgnoringCase(kind);
                    assertThat(decision.get("region").asText()).isEqualTo("eu-west");
                    assertThat(Integer.parseInt(decision.get("subject").asText().substring(5)) % 2).isZero();
                });
                found += decisions.size();
            }
            assertThat(found).isEqualTo(EVALUATIONS / 2);
        }
    }

    @Test
    void badQueriesAre400sNamingTheParameterAndOnlyAuditorsMayVerify() {
        try (TestNode node = start(copyOfData())) {
            assertProblem(node.get("/v1/subjects/user-1/decisions?limit=0", Optional.of(TestNode.AUDITOR_KEY)),
                    400, "limit");
            assertProblem(node.get("/v1/subjects/user-1/decisions?since=yesterday",
                    Optional.of(TestNode.AUDITOR_KEY)), 400, "since");
            assertProblem(node.get("/v1/subjects/user-1/decisions?order=asc", Optional.of(TestNode.AUDITOR_KEY)),
                    400, "order");
            assertProblem(node.get("/v1/decisions?decision=MAYBE&region=x&from=2026-01-01T00:00:00Z"
                    + "&to=2026-01-02T00:00:00Z", Optional.of(TestNode.AUDITOR_KEY)), 400, "decision");
            assertProblem(node.get("/v1/audit/verify?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
                    Optional.of(TestNode.AUDITOR_KEY)), 400, "to");
            assertThat(node.get("/v1/audit/verify", Optional.of(TestNode.SUBMITTER_KEY)).statusCode())
                    .isEqualTo(403);
        }
    }

    private static String runATask(TestNode node) {
        HttpResponse<String> accepted = node.send(HttpRequest.newBuilder(node.uri("/v1/tasks"))
                .header("Authorization", "Bearer " + TestNode.SUBMITTER_KEY)
                .header("Content-Type", "application/json")
                .header("X-Request-Id", "audit-task-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"agent\": \"echo\", \"input\": {\"n\": 1}}"))
                .build());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = TestNode.json(accepted).get("id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> TestNode.json(node.get("/v1/tasks/" + id,
                Optional.of(TestNode.SUBMITTER_KEY))).get("status").asText().equals("SUCCEEDED"));
        return id;
    }

    private static void assertSubjectHistory(TestNode node) {
        List<String> newestFirst = new ArrayList<>(IDS.get("user-3"));
        Collections.reverse(newestFirst);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(ids(decisions(node, "user-3", "limit=1000"))).containsExactlyElementsOf(newestFirst));
        assertThat(ids(decisions(node, "user-3", "limit=5"))).containsExactlyElementsOf(newestFirst.subList(0, 5));
        JsonNode tenth = decisions(node, "user-3", "limit=10").get(9);
        String since = URLEncoder.encode(tenth.get("at").asText(), StandardCharsets.UTF_8);
        assertThat(ids(decisions(node, "user-3", "limit=1000&since=" + since)))
                .containsExactlyElementsOf(newestFirst.subList(0, 10));
        assertThat(decisions(node, "user-3", "limit=1000")).allSatisfy(decision -> {
            assertThat(decision.get("pipeline").asText()).isEqualTo("login-risk");
            assertThat(decision.get("reasons")).isNotEmpty();
        });
    }

    private static void assertTamperingFound(UnaryOperator<List<String>> tamper, long expectedSequence) {
        Path copy = copyOfData();
        Path segment = largestSegment(copy);
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(segment, StandardCharsets.UTF_8));
            Files.write(segment, tamper.apply(lines), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (TestNode node = start(copy)) {
            JsonNode verdict = verify(node);

            assertThat(verdict.get("ok").asBoolean()).as(verdict.toString()).isFalse();
            JsonNode bad = verdict.get("first_bad");
            assertThat(bad.get("sequence").asLong()).as(verdict.toString()).isEqualTo(expectedSequence);
            assertThat(bad.get("location").asText()).contains(segment.getFileName().toString());
            assertThat(verdict.get("records").asLong()).isEqualTo(expectedSequence - 1);
        }
    }

    /** The sequence number in the record on line {@code index} (from 0) of the untouched segment. */
    private static long sequenceAt(int index) {
        try {
            String line = Files.readAllLines(largestSegment(data), StandardCharsets.UTF_8).get(index);
            return TestNode.json(line).get("seq").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path largestSegment(Path root) {
        try (Stream<Path> files = Files.walk(root.resolve("audit"))) {
            return files.filter(file -> file.toString().endsWith(".log"))
                    .max(Comparator.comparingLong(AuditApiIT::size)).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copyOfData() {
        try {
            Path copy = Files.createTempDirectory(data.getParent(), "audit-copy");
            try (Stream<Path> files = Files.walk(data)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path target = copy.resolve(data.relativize(file).toString());
                    if (file.equals(data)) {
                        continue;
                    }
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TestNode start(Path dataDir) {
        return TestNode.start(Map.of(
                "AEGIS_SERVER_DATA_DIR", dataDir.toString(),
                "AEGIS_AUDIT_TYPE", "files",
                "AEGIS_INDEX_STORE", "embedded"));
    }

    private static JsonNode verify(TestNode node) {
        HttpResponse<String> answer = node.get("/v1/audit/verify", Optional.of(TestNode.AUDITOR_KEY));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return TestNode.json(answer);
    }

    private static JsonNode decisions(TestNode node, String subject, String query) {
        HttpResponse<String> answer = node.get("/v1/subjects/" + subject + "/decisions?" + query,
                Optional.of(TestNode.AUDITOR_KEY));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return TestNode.json(answer).get("decisions");
    }

    private static List<String> ids(JsonNode decisions) {
        List<String> ids = new ArrayList<>();
        decisions.forEach(decision -> ids.add(decision.get("id").asText()));
        return ids;
    }

    private static void assertProblem(HttpResponse<String> answer, int status, String field) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(TestNode.json(answer).get("field").asText()).isEqualTo(field);
    }
}
