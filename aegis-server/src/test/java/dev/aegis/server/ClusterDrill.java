package dev.aegis.server;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The kill drill of a cluster behind nginx: submits tasks through nginx from many clients (an idempotency key each,
 * retried on failure) while it writes events to the stream's input topic at the same pace, kills one node with
 * SIGKILL once a share of the tasks was accepted, keeps going, waits until every accepted task has ended and the
 * stream has committed every event, then counts what PostgreSQL and Kafka hold against what the clients were
 * answered and the producer was acknowledged.
 * {@link ClusterNginxKillNineIT} runs it on nodes it started; {@code scripts/cluster-local.sh drill} on the nodes the
 * script started, through {@link #main}. Uses only what the runnable jar holds.
 */
final class ClusterDrill {

    private static final Duration INDEX_GRACE = Duration.ofSeconds(15);

    /** Kills the doomed node; called once, on a thread of its own, when the kill share was accepted. */
    @FunctionalInterface
    interface Kill {
        void kill() throws Exception;
    }

    /**
     * @param nginx the load balancer
     * @param key an API key of the tenant the tasks are for
     * @param postgresUrl the cluster's database, the drill's own (every task and indexed decision in it counts)
     * @param run put before each idempotency key and event id
     * @param tasks how many tasks to submit
     * @param clients submitting threads
     * @param events how many events to write to the stream's input topic, paced with the tasks (0: no Kafka)
     * @param kafka Kafka's {@code host:port}
     * @param topicPrefix the nodes' {@code cluster.kafka.topic_prefix}
     * @param tenant the nodes' {@code cluster.kafka.stream.tenant}
     * @param killAt the share of tasks accepted when the node is killed
     * @param settle how long tasks and events may take to be done after the last was accepted
     */
    record Settings(URI nginx, String key, String postgresUrl, String run, int tasks, int clients, int events,
            String kafka, String topicPrefix, String tenant, double killAt, Duration settle) {

        Settings {
            if (tasks < 1 || clients < 1 || events < 0) {
                throw new IllegalArgumentException("tasks and clients must be at least 1 and events at least 0, were "
                        + tasks + ", " + clients + " and " + events);
            }
            if (!(killAt > 0 && killAt <= 1)) {
                throw new IllegalArgumentException("killAt is a share of the tasks, above 0 and at most 1, was "
                        + killAt);
            }
        }
    }

    /** What the drill did and counted; durations from the drill's start. */
    record Report(Settings settings, TaskSubmissions.Result submitted, TaskCounts tasks, Instant killedAt,
            Duration killedAfter, Duration tasksEnded, Optional<EventDrill.Result> produced, Optional<EventCounts> events,
            Duration eventsDone) {

        boolean exact() {
            return tasks.exact() && events.map(EventCounts::exact).orElse(true)
                    && produced.map(p -> p.failures().isEmpty()).orElse(true);
        }

        /** The report as lines of text, for a test's log and the script's output. */
        List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("killed one node with SIGKILL %.1f s in (%s), after %d of %d tasks were accepted".formatted(
                    seconds(killedAfter), killedAt, Math.round(settings.tasks() * settings.killAt()),
                    settings.tasks()));
            lines.add("tasks: %d accepted (%d answered 202, %d answered 200 to a retry with the same key) in %.1f s,"
                    .formatted(submitted.idsByKey().size(), submitted.created(), submitted.reused(),
                            seconds(submitted.took()))
                    + " %.0f tasks/s through nginx; %d requests retried %s".formatted(submitted.perSecond(),
                            submitted.retries(), submitted.failures()));
            lines.add(("tasks: all ended %.1f s after the first submit (%.0f tasks/s end to end); stored %d, "
                    + "missing %d, unexpected %d, SUCCEEDED %d, history without exactly one SUCCEEDED %d, "
                    + "unfinished %d, dead or cancelled %d, with more than one attempt %d").formatted(
                            seconds(tasksEnded), tasks.accepted() / Math.max(seconds(tasksEnded), 1e-9),
                            tasks.stored(), tasks.missing(), tasks.unexpected(), tasks.succeeded(),
                            tasks.notSucceededOnce(), tasks.unfinished(), tasks.dead(), tasks.takenOver()));
            produced.ifPresent(p -> lines.add("events: %d produced in %.1f s (paced with the tasks), %s refused"
                    .formatted(p.ids().size(), seconds(p.took()), p.failures())));
            events.ifPresent(e -> lines.add(("events: all done %.1f s after the first (%.0f events/s end to end); "
                    + "decided %d of %d, decisions on the topic %d, duplicates %d (same decision id: %s; other "
                    + "verdict %d), unexpected %d, dead-lettered %d, lag %d; index rows %d, events not indexed %d, "
                    + "indexed twice %d").formatted(seconds(eventsDone),
                            e.produced() / Math.max(seconds(eventsDone), 1e-9), e.decided(), e.produced(),
                            e.outputs(), e.duplicates(), e.idChanged() == 0 ? "all" : e.idChanged() + " differ",
                            e.verdictChanged(), e.unexpected(), e.deadLettered(), e.lag(), e.indexed(),
                            e.indexMissing(), e.indexDoubled())
                    + (e.examples().isEmpty() ? "" : "; for example " + e.examples())));
            lines.add("result: " + (exact() ? "every accepted task and every event exactly once: nothing lost, "
                    + "nothing doubled" : "NOT EXACT, see the counts above"));
            return lines;
        }
    }

    private ClusterDrill() {}

    static Report run(Settings settings, Kill kill) throws Exception {
        long start = System.nanoTime();
        TaskSubmissions submissions = new TaskSubmissions(settings.nginx(), settings.key(), settings.run(),
                "\"agent\": \"echo\", \"input\": {\"n\": %d}");
        int killAfter = (int) Math.round(settings.tasks() * settings.killAt());
        AtomicBoolean failed = new AtomicBoolean();
        CompletableFuture<Long> killed = CompletableFuture.supplyAsync(
                () -> killWhen(() -> failed.get() || submissions.accepted() >= killAfter, kill),
                runnable -> Thread.ofVirtual().name("drill-kill").start(runnable));
        CompletableFuture<Optional<EventDrill.Result>> produced = produce(settings, submissions);
        TaskSubmissions.Result submitted;
        try {
            submitted = submissions.submit(settings.tasks(), settings.clients(),
                    start + Duration.ofMinutes(10).toNanos());
        } catch (Exception | Error e) {
            failed.set(true);
            throw e;
        }
        long killedAt = killed.join();
        Instant killedInstant = Instant.now().minusNanos(System.nanoTime() - killedAt);
        Optional<EventDrill.Result> events = produced.join();
        long deadline = System.nanoTime() + settings.settle().toNanos();
        try (Connection connection = TaskCounts.connect(settings.postgresUrl())) {
            long tasksEnded = awaitTasksEnded(connection, submitted.idsByKey().size(), deadline);
            TaskCounts tasks = TaskCounts.count(connection, submitted.idsByKey());
            if (events.isEmpty()) {
                return new Report(settings, submitted, tasks, killedInstant, Duration.ofNanos(killedAt - start),
                        Duration.ofNanos(tasksEnded - start), events, Optional.empty(), Duration.ZERO);
            }
            try (EventCounts.Kafka kafka = new EventCounts.Kafka(settings.kafka(), settings.topicPrefix())) {
                long eventsDone = awaitEventsDone(kafka, connection, settings.tenant(), events.get().ids().size(),
                        deadline);
                EventCounts counts = EventCounts.count(events.get().ids(), kafka, connection, settings.tenant());
                return new Report(settings, submitted, tasks, killedInstant, Duration.ofNanos(killedAt - start),
                        Duration.ofNanos(tasksEnded - start), events, Optional.of(counts),
                        Duration.ofNanos(eventsDone - start));
            }
        }
    }

    /** Produces the events on a thread of their own, as many as the share of tasks accepted so far. */
    private static CompletableFuture<Optional<EventDrill.Result>> produce(Settings settings,
            TaskSubmissions submissions) {
        if (settings.events() == 0) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        EventDrill drill = new EventDrill(settings.kafka(), settings.topicPrefix(), settings.run());
        IntSupplier due = () -> (int) ((long) settings.events() * submissions.accepted() / settings.tasks());
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Optional.of(drill.produce(settings.events(), due));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while producing events", e);
            }
        }, runnable -> Thread.ofVirtual().name("drill-events").start(runnable));
    }

    /** Kills once {@code due}; answers when. */
    private static long killWhen(BooleanSupplier due, Kill kill) {
        try {
            while (!due.getAsBoolean()) {
                Thread.sleep(5);
            }
            kill.kill();
            return System.nanoTime();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before the kill", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not kill the node: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until the stream group has committed every event, then (a little longer, the index writes in groups)
     * until the index holds as many decisions as there were events, or the deadline; answers when the lag was 0.
     */
    private static long awaitEventsDone(EventCounts.Kafka kafka, Connection connection, String tenant, int events,
            long deadline) throws InterruptedException, SQLException {
        while (System.nanoTime() - deadline < 0 && kafka.lag() > 0) {
            Thread.sleep(250);
        }
        long done = System.nanoTime();
        long indexDeadline = Math.min(deadline, done + INDEX_GRACE.toNanos());
        while (System.nanoTime() - indexDeadline < 0 && EventCounts.indexed(connection, tenant) < events) {
            Thread.sleep(250);
        }
        return done;
    }

    /** Waits until every accepted task is stored and none is unfinished, or the deadline; answers when. */
    private static long awaitTasksEnded(Connection connection, int accepted, long deadline)
            throws SQLException, InterruptedException {
        while (System.nanoTime() - deadline < 0) {
            if (TaskCounts.stored(connection) >= accepted && TaskCounts.unfinished(connection) == 0) {
                break;
            }
            Thread.sleep(250);
        }
        return System.nanoTime();
    }

    /**
     * {@code scripts/cluster-local.sh drill}: {@code --nginx=URL --key=KEY --postgres=JDBC_URL --kill-pid=PID
     * --kafka=HOST:PORT --topic-prefix=PREFIX [--tenant=default] [--tasks=50000] [--events=50000] [--clients=64]
     * [--kill-at=0.4] [--settle=600] [--run=NAME]}. Prints the report; exits 1 when the counts are not exact.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        long pid = Long.parseLong(required(options, "kill-pid"));
        Settings settings = new Settings(URI.create(required(options, "nginx")), required(options, "key"),
                required(options, "postgres"), options.getOrDefault("run", "drill-" + System.currentTimeMillis()),
                Integer.parseInt(options.getOrDefault("tasks", "50000")),
                Integer.parseInt(options.getOrDefault("clients", "64")),
                Integer.parseInt(options.getOrDefault("events", "50000")), required(options, "kafka"),
                required(options, "topic-prefix"), options.getOrDefault("tenant", "default"),
                Double.parseDouble(options.getOrDefault("kill-at", "0.4")),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("settle", "600"))));
        Report report = run(settings, () -> killNine(pid));
        report.lines().forEach(System.out::println);
        System.exit(report.exact() ? 0 : 1);
    }

    private static void killNine(long pid) throws InterruptedException {
        Optional<ProcessHandle> node = ProcessHandle.of(pid);
        if (node.isEmpty() || !node.get().destroyForcibly()) {
            throw new IllegalStateException("no process " + pid + " to kill");
        }
        node.get().onExit().join();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            options.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + "= is required");
        }
        return value;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
