package dev.aegis.server.cli;

import dev.aegis.api.AegisException;
import dev.aegis.server.loadtest.LoadTest;
import dev.aegis.server.loadtest.LoadTestPlan;
import dev.aegis.server.loadtest.LoadTestReport;
import dev.aegis.server.loadtest.SloTargets;
import dev.aegis.server.loadtest.TaskSubmits;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aegis loadtest}: an open-model load test of one pipeline's evaluate endpoint, or of task submission, checked
 * against the SLOs.
 */
@Command(name = "loadtest",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Load-tests a pipeline's evaluate endpoint (or, with --tasks, task submission) and checks the result"
                    + " against the SLO targets.",
            "Sends POST {url}/v1/pipelines/{pipeline}/evaluate at a constant arrival rate (open model: requests leave"
                    + " at their intended times whatever the responses do) and measures latency from each intended"
                    + " send time. With --tasks it sends POST {url}/v1/tasks instead, and also reports how fast the"
                    + " node completed the accepted tasks. See docs/loadtest.md."
        })
final class LoadTestCommand implements Callable<Integer> {

    private static final String KEY_VARIABLE = "AEGIS_KEY";

    private final AegisCommand.CliContext context;

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "Base URL of the node (default: ${DEFAULT-VALUE}).")
    private URI url;

    @Option(names = "--pipeline", paramLabel = "NAME", defaultValue = "login-risk",
            description = "Pipeline to evaluate (default: ${DEFAULT-VALUE}).")
    private String pipeline;

    @Option(names = "--tasks", paramLabel = "AGENT",
            description = "Task mode: submit tasks for AGENT with POST {url}/v1/tasks instead of evaluating, and"
                    + " report how fast the node completed them.")
    private Optional<String> tasks = Optional.empty();

    @Option(names = "--priority", paramLabel = "PRIORITY",
            description = "Task mode: every task at this priority, critical, high, normal or low (default: each in"
                    + " turn).")
    private Optional<String> priority = Optional.empty();

    @Option(names = "--rate", paramLabel = "RPS", defaultValue = "10000",
            description = "Offered rate, requests a second (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "Measured duration, e.g. 30s, 2m (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Warm-up before measuring, not recorded (default: ${DEFAULT-VALUE}).")
    private Duration warmup;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "64",
            description = "Keep-alive connections, hence requests in flight at most (default: ${DEFAULT-VALUE}).")
    private int connections;

    @Option(names = "--key", paramLabel = "KEY", description = "API key (default: the AEGIS_KEY environment variable).")
    private Optional<String> key = Optional.empty();

    @Option(names = "--subjects", paramLabel = "N", defaultValue = "200000",
            description = "Distinct subjects (default: ${DEFAULT-VALUE}).")
    private int subjects;

    @Option(names = "--max-requests", paramLabel = "N",
            description = "Hard bound on requests sent, warm-up included (default: none beyond rate x time).")
    private OptionalLong maxRequests = OptionalLong.empty();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "A request not answered within this, waiting for a connection included, is an error"
                    + " (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the generated login events (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--io-threads", paramLabel = "N",
            description = "HTTP client I/O threads (default: up to 4, one a core).")
    private Optional<Integer> ioThreads = Optional.empty();

    @Option(names = "--client", paramLabel = "nio|jdk", defaultValue = "nio",
            description = "HTTP client: nio (our own, plain http, cheapest) or jdk (java.net.http, also https)"
                    + " (default: ${DEFAULT-VALUE}).")
    private String client;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON to FILE.")
    private Optional<Path> json = Optional.empty();

    @Option(names = "--quiet", description = "No progress line.")
    private boolean quiet;

    @Option(names = "--fail-on-slo", description = "Exit 1 when a check fails (default: exit 0 whatever the verdict).")
    private boolean failOnSlo;

    @Option(names = "--slo-p50", paramLabel = "DURATION", defaultValue = "100ms", converter = DurationConverter.class,
            description = "Seed 003 target: p50 below (default: ${DEFAULT-VALUE}).")
    private Duration sloP50;

    @Option(names = "--slo-p95", paramLabel = "DURATION", defaultValue = "300ms", converter = DurationConverter.class,
            description = "Seed 003 target: p95 below (default: ${DEFAULT-VALUE}).")
    private Duration sloP95;

    @Option(names = "--slo-p99", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Seed 003 target: p99 below (default: ${DEFAULT-VALUE}).")
    private Duration sloP99;

    @Option(names = "--slo-error-rate", paramLabel = "PERCENT", defaultValue = "0.01",
            description = "Seed 003 target: error rate below, in percent (default: ${DEFAULT-VALUE}).")
    private double sloErrorRate;

    @Option(names = "--slo-throughput", paramLabel = "RPS", defaultValue = "10000",
            description = "Seed 003 target: 2xx responses a second, at least (default: ${DEFAULT-VALUE}).")
    private double sloThroughput;

    @Option(names = "--target-p99", paramLabel = "DURATION", defaultValue = "25ms", converter = DurationConverter.class,
            description = "Aegis target: p99 at the offered rate below (default: ${DEFAULT-VALUE}).")
    private Duration targetP99;

    @Option(names = "--target-throughput", paramLabel = "RPS", defaultValue = "20000",
            description = "Aegis target: 2xx responses a second, at least (default: ${DEFAULT-VALUE}).")
    private double targetThroughput;

    LoadTestCommand(AegisCommand.CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        LoadTestPlan plan = plan();
        context.progress().printf(Locale.ROOT, "aegis loadtest: POST %s at %,.0f req/s for %s after a %s warm-up%n",
                plan.requestUri(), plan.rate(), text(duration), text(warmup));
        LoadTestReport report = LoadTest.run(plan, quiet ? Optional.empty() : Optional.of(context.progress()));
        PrintWriter out = spec.commandLine().getOut();
        out.print(report.table());
        out.flush();
        json.ifPresent(file -> write(file, report.json()));
        return failOnSlo && !report.passed() ? AegisCommand.FAILURE : 0;
    }

    private LoadTestPlan plan() {
        try {
            SloTargets targets = new SloTargets(sloP50, sloP95, sloP99, sloErrorRate, sloThroughput, targetP99,
                    targetThroughput);
            return new LoadTestPlan(url, pipeline, rate, duration, warmup, connections, apiKey(), subjects,
                    maxRequests, timeout, seed, ioThreads.orElse(defaultIoThreads()), targets,
                    LoadTestPlan.Client.of(client), taskSubmits());
        } catch (AegisException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private Optional<TaskSubmits> taskSubmits() {
        if (tasks.isEmpty() && priority.isPresent()) {
            throw new AegisException("--priority is for task mode only; add --tasks AGENT");
        }
        return tasks.map(agent -> TaskSubmits.of(agent, priority));
    }

    private Optional<String> apiKey() {
        return key.or(() -> Optional.ofNullable(context.environment().get(KEY_VARIABLE)))
                .map(String::strip)
                .filter(value -> !value.isEmpty());
    }

    private static String text(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static int defaultIoThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new AegisException("cannot write the JSON report to " + file + ": " + e.getMessage(), e);
        }
    }
}
