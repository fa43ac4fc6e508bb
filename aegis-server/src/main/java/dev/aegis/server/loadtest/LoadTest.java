package dev.aegis.server.loadtest;

import dev.aegis.api.AegisException;
import dev.aegis.api.time.TimeSource;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An open-model load test of {@code POST /v1/pipelines/{name}/evaluate}, or in task mode of {@code POST /v1/tasks}:
 * requests leave at their intended times on a constant arrival rate whatever the responses do, and latency counts
 * from the intended time (coordinated-omission-correct). Bodies are realistic login events, or task submissions,
 * serialized before the run. In task mode the report also says how fast the node completed the accepted tasks
 * ({@link TaskWatch}).
 *
 * <pre>{@code
 * LoadTestReport report = LoadTest.run(plan, Optional.of(System.err));
 * System.out.print(report.table());
 * }</pre>
 */
public final class LoadTest {

    /** After the schedule ends, how long past the request timeout to wait for the last requests to end. */
    private static final Duration DRAIN_SLACK = Duration.ofSeconds(2);

    private LoadTest() {}

    /**
     * Runs the plan on the calling thread and returns when every request has ended; {@code progress}, when present,
     * receives a one-line progress bar once a second.
     */
    public static LoadTestReport run(LoadTestPlan plan, Optional<PrintStream> progress) {
        return run(plan, progress, TimeSource.system());
    }

    static LoadTestReport run(LoadTestPlan plan, Optional<PrintStream> progress, TimeSource time) {
        Optional<TaskWatch> tasks = plan.tasks().map(submits -> watch(plan, time));
        try (Transport transport = transport(plan, bodies(plan), time)) {
            ArrivalSchedule schedule = new ArrivalSchedule(time.nanoTime(), plan.rate(), plan.totalRequests(),
                    plan.warmupRequests());
            Tally tally = new Tally(schedule);
            Dispatcher dispatcher = new Dispatcher(schedule, transport, tally, time, plan.connections(),
                    plan.timeout().toNanos());
            ProgressTicker ticker = ProgressTicker.start(progress, schedule, tally, time);
            try {
                new ArrivalLoop(schedule, time, Pacer.parking(time), dispatcher).run();
                awaitEnd(tally, plan.timeout().plus(DRAIN_SLACK));
            } finally {
                ticker.close();
            }
            return report(plan, schedule, tally, tasks.map(watch -> completion(watch, schedule, tally, progress)));
        }
    }

    /** Reads the node's succeeded tasks now, before anything is sent. */
    private static TaskWatch watch(LoadTestPlan plan, TimeSource time) {
        NodeMetrics metrics = new NodeMetrics(plan.metricsUri(), plan.timeout());
        return TaskWatch.start(metrics::succeededTasks, time, Pacer.parking(time));
    }

    private static RequestBodies bodies(LoadTestPlan plan) {
        return plan.tasks().<RequestBodies>map(TaskBodies::new)
                .orElseGet(() -> EventPool.generate(EventPool.DEFAULT_TEMPLATES, plan.subjects(), plan.seed()));
    }

    private static Transport transport(LoadTestPlan plan, RequestBodies bodies, TimeSource time) {
        return switch (plan.client()) {
            case NIO -> new NioHttpTransport(plan, bodies, time);
            case JDK -> new JdkHttpTransport(plan, bodies, time);
        };
    }

    private static void awaitEnd(Tally tally, Duration patience) {
        try {
            tally.allResolved().get(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            return;
        } catch (ExecutionException e) {
            throw new AegisException("load test failed: " + e.getCause(), e.getCause());
        }
    }

    private static TaskCompletion completion(TaskWatch watch, ArrivalSchedule schedule, Tally tally,
            Optional<PrintStream> progress) {
        long accepted = tally.measured().counts().ok();
        progress.ifPresent(out -> out.println("waiting for the node to complete the accepted tasks..."));
        return watch.await(tally.warmup().counts().ok(), accepted, schedule.measuredStartNanos());
    }

    private static LoadTestReport report(LoadTestPlan plan, ArrivalSchedule schedule, Tally tally,
            Optional<TaskCompletion> tasks) {
        tally.sample();
        PhaseTally measured = tally.measured();
        RequestCounts counts = withUnfinished(measured.counts(), schedule.tickets() - schedule.warmupTickets());
        return new LoadTestReport(plan, counts, Latencies.of(measured.total()), measured.statusCodes(),
                Duration.ofNanos(tally.measuredSpanNanos()), tally.firstFailure(), tasks);
    }

    /** Tickets that never ended (the run was interrupted, or a request outlived its timeout) count as timeouts. */
    private static RequestCounts withUnfinished(RequestCounts counts, long tickets) {
        long unfinished = Math.max(0, tickets - counts.ended());
        return new RequestCounts(counts.sent(), counts.completed(), counts.ok(), counts.non2xx(),
                counts.timeouts() + unfinished, counts.ioErrors(), counts.dropped());
    }
}
