package dev.aegis.server.loadtest;

import dev.aegis.api.time.TimeSource;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Samples the tally once a second on its own daemon thread and rewrites the progress line in place. */
final class ProgressTicker implements AutoCloseable {

    private static final long PERIOD_MILLIS = 1_000;
    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final Optional<PrintStream> out;
    private final ArrivalSchedule schedule;
    private final Tally tally;
    private final TimeSource time;
    private final Optional<ScheduledExecutorService> executor;
    private long lastSampleNanos;
    private int lastWidth;

    private ProgressTicker(Optional<PrintStream> out, ArrivalSchedule schedule, Tally tally, TimeSource time) {
        this.out = out;
        this.schedule = schedule;
        this.tally = tally;
        this.time = time;
        this.lastSampleNanos = time.nanoTime();
        this.executor = out.map(stream -> Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("aegis-loadtest-progress").daemon().factory()));
    }

    static ProgressTicker start(Optional<PrintStream> out, ArrivalSchedule schedule, Tally tally, TimeSource time) {
        ProgressTicker ticker = new ProgressTicker(out, schedule, tally, time);
        ticker.executor.ifPresent(executor -> executor.scheduleAtFixedRate(
                ticker::tick, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS));
        return ticker;
    }

    /** Stops ticking and prints the last line, ended with a newline. */
    @Override
    public void close() {
        executor.ifPresent(ScheduledExecutorService::shutdownNow);
        executor.ifPresent(ProgressTicker::awaitQuietly);
        tick();
        out.ifPresent(PrintStream::println);
    }

    private synchronized void tick() {
        out.ifPresent(stream -> {
            String line = line(time.nanoTime()).render();
            stream.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            stream.flush();
            lastWidth = line.length();
        });
    }

    private ProgressLine line(long now) {
        Tally.Sample sample = tally.sample();
        double seconds = Math.max(1e-9, (now - lastSampleNanos) / NANOS_PER_SECOND);
        lastSampleNanos = now;
        boolean warmup = now < schedule.measuredStartNanos() && schedule.warmupTickets() > 0;
        RequestCounts warm = tally.warmup().counts();
        RequestCounts measured = tally.measured().counts();
        return new ProgressLine(now - schedule.startNanos(), schedule.endNanos() - schedule.startNanos(), warmup,
                warm.sent() + measured.sent(), tally.resolved(), sample.endedInInterval() / seconds,
                warmup ? sample.warmupSoFar() : sample.measuredSoFar(),
                warm.errors() - warm.dropped() + measured.errors(), warm.dropped());
    }

    private static void awaitQuietly(ScheduledExecutorService executor) {
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
