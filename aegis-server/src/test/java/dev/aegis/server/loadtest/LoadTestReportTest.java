package dev.aegis.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LoadTestReportTest {

    private static final LoadTestPlan PLAN = new LoadTestPlan(URI.create("http://127.0.0.1:8080"), "login-risk",
            10_000, Duration.ofSeconds(10), Duration.ofSeconds(2), 64, Optional.of("secret-key"), 1_000,
            OptionalLong.empty(), Duration.ofSeconds(5), 42, 2, SloTargets.defaults(),
            LoadTestPlan.Client.NIO, Optional.empty());

    @Test
    void percentilesComeFromTheHistogramInMicroseconds() {
        Histogram micros = new Histogram(3);
        for (long value = 1; value <= 10_000; value++) {
            micros.recordValue(value);
        }

        Latencies latencies = Latencies.of(micros);

        assertThat(latencies.count()).isEqualTo(10_000);
        assertThat(latencies.p50()).isCloseTo(5_000, within(5L));
        assertThat(latencies.p90()).isCloseTo(9_000, within(9L));
        assertThat(latencies.p95()).isCloseTo(9_500, within(10L));
        assertThat(latencies.p99()).isCloseTo(9_900, within(10L));
        assertThat(latencies.p999()).isCloseTo(9_990, within(10L));
        assertThat(latencies.max()).isCloseTo(10_000, within(10L));
        assertThat(latencies.mean()).isCloseTo(5_000.5, within(5.0));
    }

    @Test
    void aFastCleanRunAtTheTargetRatePassesEveryCheck() {
        LoadTestReport report = report(latencies(2_000, 8_000, 20_000), counts(200_000, 0), 20_000);

        assertThat(report.checks()).allMatch(SloCheck::pass);
        assertThat(report.passed()).isTrue();
        assertThat(report.throughput()).isCloseTo(20_000, within(0.01));
    }

    @Test
    void eachTargetFailsOnItsOwnRow() {
        LoadTestReport report = report(latencies(120_000, 400_000, 30_000), counts(95_000, 20), 9_500);

        assertThat(report.checks()).extracting(SloCheck::source, SloCheck::name, SloCheck::pass).containsExactly(
                tuple(SloCheck.SEED, "p50 latency", false),
                tuple(SloCheck.SEED, "p95 latency", false),
                tuple(SloCheck.SEED, "p99 latency", true),
                tuple(SloCheck.SEED, "error rate", false),
                tuple(SloCheck.SEED, "throughput", false),
                tuple(SloCheck.AEGIS, "p99 latency at 10,000/s offered", false),
                tuple(SloCheck.AEGIS, "throughput", false));
        assertThat(report.passed()).isFalse();
    }

    @Test
    void throughputWithinItsPrecisionOfTheTargetPassesAndBelowFails() {
        LoadTestReport keptUp = report(latencies(2_000, 8_000, 20_000), counts(199_980, 0), 19_990);
        LoadTestReport fellBehind = report(latencies(2_000, 8_000, 20_000), counts(199_000, 0), 19_900);

        assertThat(keptUp.checks()).filteredOn(check -> check.source().equals(SloCheck.AEGIS))
                .filteredOn(check -> check.name().equals("throughput"))
                .singleElement().extracting(SloCheck::pass).isEqualTo(true);
        assertThat(fellBehind.checks()).filteredOn(check -> check.source().equals(SloCheck.AEGIS))
                .filteredOn(check -> check.name().equals("throughput"))
                .singleElement().extracting(SloCheck::pass).isEqualTo(false);
    }

    @Test
    void theErrorRateCountsNon2xxTimeoutsIoErrorsAndDrops() {
        RequestCounts counts = new RequestCounts(9_990, 9_980, 9_970, 10, 5, 5, 10);

        assertThat(counts.errors()).isEqualTo(30);
        assertThat(counts.ended()).isEqualTo(10_000);
        assertThat(counts.errorRate()).isEqualTo(0.003);
    }

    @Test
    void withNoResponseTheLatencyRowsFailInsteadOfPassingOnZero() {
        LoadTestReport report = report(Latencies.of(new Histogram(3)), new RequestCounts(0, 0, 0, 0, 0, 0, 0), 0);

        assertThat(report.checks()).filteredOn(check -> check.unit().equals("ms"))
                .hasSize(4)
                .allSatisfy(check -> {
                    assertThat(check.measured()).isNaN();
                    assertThat(check.pass()).isFalse();
                });
        assertThat(report.table()).contains("no request ended").contains("n/a");
    }

    @Test
    void theTableShowsTheNumbersAndAPassOrFailPerRow() {
        LoadTestReport report = report(latencies(2_000, 8_000, 30_000), counts(100_000, 0), 10_000);

        String table = report.table();

        assertThat(table).contains("POST http://127.0.0.1:8080/v1/pipelines/login-risk/evaluate")
                .contains("p50 2.00 ms", "p99 8.00 ms", "max 30.0 ms")
                .contains("100,000 sent")
                .containsPattern("seed 003\\s+p99 latency\\s+8\\.00 ms\\s+< 1000 ms\\s+PASS")
                .containsPattern("aegis\\s+throughput\\s+10,000/s\\s+>= 20,000/s\\s+FAIL")
                .contains("verdict: 1 of 7 checks FAIL")
                .doesNotContain("secret-key");
    }

    @Test
    void theJsonHasThePlanTheCountsTheLatenciesAndTheChecks() throws Exception {
        LoadTestReport report = report(latencies(2_000, 8_000, 30_000), counts(100_000, 3), 10_000);

        JsonNode json = new ObjectMapper().readTree(report.json());

        assertThat(json.path("url").asText()).isEqualTo("http://127.0.0.1:8080/v1/pipelines/login-risk/evaluate");
        assertThat(json.path("offered_rate").asDouble()).isEqualTo(10_000);
        assertThat(json.path("measured_s").asDouble()).isCloseTo(10, within(0.001));
        assertThat(json.path("requests").path("ok").asLong()).isEqualTo(99_997);
        assertThat(json.path("requests").path("non_2xx").asLong()).isEqualTo(3);
        assertThat(json.path("requests").path("error_rate_percent").asDouble()).isCloseTo(0.003, within(1e-9));
        assertThat(json.path("latency_ms").path("p99").asDouble()).isCloseTo(8.0, within(0.01));
        assertThat(json.path("latency_ms").path("p99_9").asDouble()).isPositive();
        assertThat(json.path("status_codes").path("200").asLong()).isEqualTo(99_997);
        assertThat(json.path("checks")).hasSize(7);
        JsonNode row = json.path("checks").get(2);
        assertThat(row.path("source").asText()).isEqualTo("seed 003");
        assertThat(row.path("name").asText()).isEqualTo("p99 latency");
        assertThat(row.path("measured").asDouble()).isCloseTo(8.0, within(0.01));
        assertThat(row.path("unit").asText()).isEqualTo("ms");
        assertThat(row.path("bound").asText()).isEqualTo("<");
        assertThat(row.path("threshold").asDouble()).isEqualTo(1000);
        assertThat(row.path("pass").asBoolean()).isTrue();
        assertThat(json.path("pass").asBoolean()).isFalse();
        assertThat(json.toString()).doesNotContain("secret-key");
    }

    @Test
    void inTaskModeTheTableAndTheJsonAlsoSayHowFastTheNodeCompletedTheAcceptedTasks() throws Exception {
        LoadTestPlan plan = new LoadTestPlan(PLAN.url(), PLAN.pipeline(), 100, Duration.ofSeconds(10), Duration.ZERO,
                8, Optional.empty(), 10, OptionalLong.empty(), Duration.ofSeconds(5), 42, 1, SloTargets.defaults(),
                LoadTestPlan.Client.NIO, Optional.of(new TaskSubmits("echo", Optional.empty())));
        TaskCompletion tasks = new TaskCompletion(1_000, 990, Duration.ofMillis(10_500));
        LoadTestReport report = new LoadTestReport(plan, counts(1_000, 0), latencies(2_000, 8_000, 30_000),
                Map.of(202, 1_000L), Duration.ofSeconds(10), Optional.empty(), Optional.of(tasks));

        JsonNode json = new ObjectMapper().readTree(report.json());

        assertThat(report.table()).contains("POST http://127.0.0.1:8080/v1/tasks")
                .contains("8 connections, tasks for agent echo, priority in turn")
                .containsPattern("tasks\\s+1,000 accepted, 990 completed, 10 not seen to complete")
                .containsPattern("completion\\s+94/s over 10.50 s, from the first measured request to the last completion")
                .containsPattern("aegis\\s+throughput\\s+100/s\\s+>= 20,000/s\\s+FAIL");
        assertThat(json.path("url").asText()).isEqualTo("http://127.0.0.1:8080/v1/tasks");
        assertThat(json.path("agent").asText()).isEqualTo("echo");
        assertThat(json.path("priorities")).extracting(JsonNode::asText)
                .containsExactly("critical", "high", "normal", "low");
        assertThat(json.has("pipeline")).isFalse();
        assertThat(json.path("tasks").path("accepted").asLong()).isEqualTo(1_000);
        assertThat(json.path("tasks").path("completed").asLong()).isEqualTo(990);
        assertThat(json.path("tasks").path("completion_s").asDouble()).isEqualTo(10.5);
        assertThat(json.path("tasks").path("completion_per_second").asDouble()).isCloseTo(94.29, within(0.01));
        assertThat(json.path("checks")).hasSize(7);
    }

    @Test
    void anEvaluationReportHasNoTaskFigures() throws Exception {
        LoadTestReport report = report(latencies(2_000, 8_000, 30_000), counts(100_000, 0), 10_000);

        assertThat(report.table()).doesNotContain("accepted", "completion");
        assertThat(new ObjectMapper().readTree(report.json()).has("tasks")).isFalse();
    }

    private static LoadTestReport report(Latencies latencies, RequestCounts counts, long okPerSecond) {
        Map<Integer, Long> codes = counts.non2xx() == 0 ? Map.of(200, counts.ok())
                : Map.of(200, counts.ok(), 503, counts.non2xx());
        Duration measured = okPerSecond == 0 ? Duration.ofSeconds(10)
                : Duration.ofNanos(Math.round(counts.ok() * 1e9 / okPerSecond));
        return new LoadTestReport(PLAN, counts, latencies, codes, measured, Optional.empty(), Optional.empty());
    }

    /** Half the requests at p50, most of the rest up to p99, one at max. */
    private static Latencies latencies(long p50, long p99, long max) {
        Histogram micros = new Histogram(3);
        micros.recordValueWithCount(p50, 50_000);
        micros.recordValueWithCount(p99, 49_900);
        micros.recordValueWithCount(max, 100);
        return Latencies.of(micros);
    }

    private static RequestCounts counts(long total, long non2xx) {
        return new RequestCounts(total, total, total - non2xx, non2xx, 0, 0, 0);
    }
}
