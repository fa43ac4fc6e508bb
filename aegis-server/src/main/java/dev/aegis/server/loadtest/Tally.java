package dev.aegis.server.loadtest;

import java.util.Optional;
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
    private final LongAccumulator firstMeasuredEnd = new LongAccumulator(Math::min, Long.MAX_VALUE);
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
        phase(ticket).sent();
    }

    /** Records the end of a ticket; {@code latencyNanos} counts from its intended time. */
    void record(long ticket, Outcome outcome, long latencyNanos) {
        PhaseTally phase = phase(ticket);
        phase.record(outcome, latencyNanos);
        if (outcome instanceof Outcome.Failed failed) {
            firstFailure.compareAndSet(null, failed.reason());
        }
        if (phase == measured) {
            long end = schedule.intendedNanos(ticket) + latencyNanos;
            firstMeasuredEnd.accumulate(end);
            lastMeasuredEnd.accumulate(end);
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

    /**
     * How long the measured requests took to end: from the first end to the last, plus one arrival interval (so that
     * n requests answered exactly on schedule span n intervals); the planned span when none ended.
     */
    long measuredSpanNanos() {
        long first = firstMeasuredEnd.get();
        long last = lastMeasuredEnd.get();
        long planned = schedule.endNanos() - schedule.measuredStartNanos();
        long measuredTickets = schedule.tickets() - schedule.warmupTickets();
        if (first == Long.MAX_VALUE || measuredTickets == 0) {
            return planned;
        }
        return last - first + planned / measuredTickets;
    }

    Optional<String> firstFailure() {
        return Optional.ofNullable(firstFailure.get());
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
