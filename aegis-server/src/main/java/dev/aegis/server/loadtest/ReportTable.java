package dev.aegis.server.loadtest;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders a {@link LoadTestReport} as text for a terminal. */
final class ReportTable {

    private static final String ROW = "%-10s %-36s %-12s %-14s %s%n";

    private ReportTable() {}

    static String render(LoadTestReport report) {
        StringBuilder out = new StringBuilder();
        summary(report, out);
        out.append('\n');
        checks(report.checks(), out);
        return out.toString();
    }

    private static void summary(LoadTestReport report, StringBuilder out) {
        LoadTestPlan plan = report.plan();
        RequestCounts requests = report.requests();
        line(out, "Aegis load test", "POST " + plan.requestUri());
        line(out, "offered", Format.rate(plan.rate()) + " for " + Format.seconds(plan.duration().toNanos())
                + " after a " + Format.seconds(plan.warmup().toNanos()) + " warm-up, " + plan.connections()
                + " connections, " + workload(plan));
        line(out, "measured", String.format(Locale.ROOT, "%.2f s", report.measured().toNanos() / 1e9));
        line(out, "requests", Format.count(requests.sent()) + " sent, " + Format.count(requests.completed())
                + " responses, " + Format.count(requests.ok()) + " 2xx");
        line(out, "throughput", Format.rate(report.throughput()) + " 2xx, "
                + Format.rate(report.completedPerSecond()) + " responses");
        report.tasks().ifPresent(tasks -> tasks(tasks, out));
        line(out, "latency", latency(report.latency()));
        line(out, "errors", errors(requests));
        if (!report.statusCodes().isEmpty()) {
            line(out, "status codes", report.statusCodes().entrySet().stream()
                    .map(e -> e.getKey() + ": " + Format.count(e.getValue()))
                    .collect(Collectors.joining(", ")));
        }
        report.firstIoError().ifPresent(error -> line(out, "first I/O error", error));
    }

    private static String workload(LoadTestPlan plan) {
        return plan.tasks().map(tasks -> "tasks for agent " + tasks.agent() + ", priority " + tasks.priorityLabel())
                .orElseGet(() -> Format.count(plan.subjects()) + " subjects");
    }

    private static void tasks(TaskCompletion tasks, StringBuilder out) {
        line(out, "tasks", Format.count(tasks.accepted()) + " accepted, " + Format.count(tasks.completed())
                + " completed" + (tasks.all() ? "" : ", " + Format.count(tasks.accepted() - tasks.completed())
                + " not seen to complete"));
        line(out, "completion", Format.rate(tasks.throughput()) + " over " + String.format(Locale.ROOT, "%.2f s",
                tasks.span().toNanos() / 1e9) + ", from the first measured request to the last completion");
    }

    private static String latency(Latencies latency) {
        if (latency.count() == 0) {
            return "no request ended";
        }
        return "p50 " + Format.micros(latency.p50()) + "  p90 " + Format.micros(latency.p90())
                + "  p95 " + Format.micros(latency.p95()) + "  p99 " + Format.micros(latency.p99())
                + "  p99.9 " + Format.micros(latency.p999()) + "  max " + Format.micros(latency.max())
                + "  (from intended send time)";
    }

    private static String errors(RequestCounts requests) {
        return Format.count(requests.errors()) + " (" + Format.percent(requests.errorRate()) + "): non-2xx "
                + Format.count(requests.non2xx()) + ", timeouts " + Format.count(requests.timeouts())
                + ", I/O errors " + Format.count(requests.ioErrors()) + ", dropped "
                + Format.count(requests.dropped());
    }

    private static void checks(List<SloCheck> checks, StringBuilder out) {
        out.append(String.format(Locale.ROOT, ROW, "target", "check", "measured", "goal", "result"));
        for (SloCheck check : checks) {
            out.append(String.format(Locale.ROOT, ROW, check.source(), check.name(),
                    value(check.measured(), check.unit()),
                    check.bound().symbol() + " " + value(check.threshold(), check.unit()),
                    check.pass() ? "PASS" : "FAIL"));
        }
        long failed = checks.stream().filter(check -> !check.pass()).count();
        out.append('\n').append(failed == 0 ? "verdict: all " + checks.size() + " checks PASS"
                : "verdict: " + failed + " of " + checks.size() + " checks FAIL").append('\n');
    }

    private static String value(double value, String unit) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return switch (unit) {
            case "ms" -> Format.millis(value);
            case "%" -> Format.percent(value / 100);
            default -> Format.rate(value);
        };
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "%-16s %s%n", label, value));
    }
}
