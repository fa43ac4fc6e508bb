package dev.aegis.server.loadtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.AegisException;

/** Renders a {@link LoadTestReport} as JSON; NaN (nothing measured) becomes {@code null}. */
final class ReportJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final double MICROS_PER_MILLI = 1_000d;
    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private ReportJson() {}

    static String render(LoadTestReport report) {
        ObjectNode root = JSON.createObjectNode();
        plan(report.plan(), root);
        root.put("measured_s", report.measured().toNanos() / NANOS_PER_SECOND);
        requests(report.requests(), root.putObject("requests"));
        root.put("throughput", report.throughput());
        root.put("completed_per_second", report.completedPerSecond());
        latency(report.latency(), root.putObject("latency_ms"));
        ObjectNode codes = root.putObject("status_codes");
        report.statusCodes().forEach((status, count) -> codes.put(Integer.toString(status), count));
        report.firstIoError().ifPresent(error -> root.put("first_io_error", error));
        report.tasks().ifPresent(tasks -> tasks(tasks, root.putObject("tasks")));
        checks(report, root.putArray("checks"));
        root.put("pass", report.passed());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new AegisException("cannot write the load test report as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void plan(LoadTestPlan plan, ObjectNode root) {
        root.put("url", plan.requestUri().toString());
        plan.tasks().ifPresentOrElse(tasks -> submits(tasks, root), () -> evaluations(plan, root));
        root.put("offered_rate", plan.rate());
        root.put("duration_s", plan.duration().toNanos() / NANOS_PER_SECOND);
        root.put("warmup_s", plan.warmup().toNanos() / NANOS_PER_SECOND);
        root.put("connections", plan.connections());
        root.put("client", plan.client().label());
    }

    private static void evaluations(LoadTestPlan plan, ObjectNode root) {
        root.put("pipeline", plan.pipeline());
        root.put("subjects", plan.subjects());
        root.put("seed", plan.seed());
    }

    private static void submits(TaskSubmits tasks, ObjectNode root) {
        root.put("agent", tasks.agent());
        ArrayNode priorities = root.putArray("priorities");
        tasks.priorities().forEach(priority -> priorities.add(priority.label()));
    }

    private static void tasks(TaskCompletion tasks, ObjectNode node) {
        node.put("accepted", tasks.accepted());
        node.put("completed", tasks.completed());
        node.put("completion_s", tasks.span().toNanos() / NANOS_PER_SECOND);
        node.put("completion_per_second", tasks.throughput());
    }

    private static void requests(RequestCounts requests, ObjectNode node) {
        node.put("sent", requests.sent());
        node.put("completed", requests.completed());
        node.put("ok", requests.ok());
        node.put("non_2xx", requests.non2xx());
        node.put("timeouts", requests.timeouts());
        node.put("io_errors", requests.ioErrors());
        node.put("dropped", requests.dropped());
        node.put("errors", requests.errors());
        node.put("error_rate_percent", requests.errorRate() * 100);
    }

    private static void latency(Latencies latency, ObjectNode node) {
        node.put("count", latency.count());
        millis(node, "p50", latency.p50());
        millis(node, "p90", latency.p90());
        millis(node, "p95", latency.p95());
        millis(node, "p99", latency.p99());
        millis(node, "p99_9", latency.p999());
        millis(node, "max", latency.max());
        node.put("mean", latency.mean() / MICROS_PER_MILLI);
    }

    private static void checks(LoadTestReport report, ArrayNode rows) {
        for (SloCheck check : report.checks()) {
            ObjectNode row = rows.addObject();
            row.put("source", check.source());
            row.put("name", check.name());
            if (Double.isNaN(check.measured())) {
                row.putNull("measured");
            } else {
                row.put("measured", check.measured());
            }
            row.put("unit", check.unit());
            row.put("bound", check.bound().symbol());
            row.put("threshold", check.threshold());
            row.put("pass", check.pass());
        }
    }

    private static void millis(ObjectNode node, String name, long micros) {
        node.put(name, micros / MICROS_PER_MILLI);
    }
}
