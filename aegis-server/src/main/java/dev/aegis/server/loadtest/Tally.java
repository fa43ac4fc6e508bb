package dev.aegis.server.loadtest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import org.HdrHistogram.Histogram;

/**
 * Counts and latencies of a run, split into the warm-up (shown in the progress line, never reported) and the
 * measured phase. Latency is recorded for every request that ends, errors included, from its intended time.
 */
final class Tally {

    private final ArrivalSchedule schedule;
    private final PhaseTally warmup = new PhaseTally();
    private final PhaseTally measured = new PhaseTally();
    private final AtomicLong resolved = new AtomicLong();
    private final LongAccumulator lastMeasuredEnd = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final CompletableFuture<Void> allResolved = new CompletableFuture<>();

    Tally(ArrivalSchedule schedule) {
        this.schedule = schedule;
        if (schedule.tickets() == 0) {
            allResolved.complete(null);
        }
    }

    void sent(long ticket) {
        phase(ticket).sent.increment();
    }

    /** Records the end of a ticket; {@code latencyNanos} counts from its intended time. */
    void record(long ticket, Outcome outcome, long latencyNanos) {
        PhaseTally phase = phase(ticket);
        phase.record(outcome, latencyNanos);
        if (outcome instanceof Outcome.Failed failed) {
            firstFailure.compareAndSet(null, failed.reason());
        }
        if (phase == measured) {
            lastMeasuredEnd.accumulate(schedule.intendedNanos(ticket) + latencyNanos);
        }
        if (resolved.incrementAndGet() == schedule.tickets()) {
            allResolved.complete(null);
        }
    }

    /** Completes when every ticket of the schedule has ended (answered, failed, timed out or dropped). */
    CompletableFuture<Void> allResolved() {
        return allResolved;
    }

    long resolved() {
        return resolved.get();
    }

    /** The latest end of a measured request on the monotonic clock, if any ended. */
    long lastMeasuredEndNanos() {
        long end = lastMeasuredEnd.get();
        return end == Long.MIN_VALUE ? schedule.measuredStartNanos() : end;
    }

    java.util.Optional<String> firstFailure() {
        return java.util.Optional.ofNullable(firstFailure.get());
    }

    PhaseTally warmup() {
        return warmup;
    }

    PhaseTally measured() {
        return measured;
    }

    /** Moves what was recorded since the last call into each phase's cumulative histogram. */
    synchronized Sample sample() {
        Histogram warmupInterval = warmup.drain();
        Histogram measuredInterval = measured.drain();
        return new Sample(warmupInterval.getTotalCount() + measuredInterval.getTotalCount(), warmup.total(),
                measured.total());
    }

    private PhaseTally phase(long ticket) {
        return schedule.isWarmup(ticket) ? warmup : measured;
    }

    /**
     * One sampling: requests ended since the last sample, and the cumulative latency histograms. The histograms are
     * only read by the sampling thread.
     */
    record Sample(long endedInInterval, Histogram warmupSoFar, Histogram measuredSoFar) {}
}
