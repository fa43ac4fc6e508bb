package dev.aegis.server.loadtest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Counters and latency of one phase; safe for concurrent writers, one sampling reader. */
final class PhaseTally {

    private static final int SIGNIFICANT_DIGITS = 3;
    private static final int STATUS_CODES = 600;

    private final LongAdder sent = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder non2xx = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final AtomicLongArray statuses = new AtomicLongArray(STATUS_CODES);
    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(SIGNIFICANT_DIGITS);
    private Histogram interval;

    void sent() {
        sent.increment();
    }

    void record(Outcome outcome, long latencyNanos) {
        recorder.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(latencyNanos)));
        switch (outcome) {
            case Outcome.Response response -> count(response);
            case Outcome.TimedOut timedOut -> timeouts.increment();
            case Outcome.Failed failed -> failures.increment();
            case Outcome.Dropped drop -> dropped.increment();
        }
    }

    private void count(Outcome.Response response) {
        if (response.ok()) {
            ok.increment();
        } else {
            non2xx.increment();
        }
        if (response.status() >= 0 && response.status() < STATUS_CODES) {
            statuses.incrementAndGet(response.status());
        }
    }

    /** Moves the latencies recorded since the last drain into {@link #total()}; returns them. */
    Histogram drain() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return interval;
    }

    /** Every latency drained so far, in microseconds. */
    Histogram total() {
        return total;
    }

    RequestCounts counts() {
        long good = ok.sum();
        long bad = non2xx.sum();
        return new RequestCounts(sent.sum(), good + bad, good, bad, timeouts.sum(), failures.sum(), dropped.sum());
    }

    Map<Integer, Long> statusCodes() {
        Map<Integer, Long> codes = new TreeMap<>();
        for (int status = 0; status < STATUS_CODES; status++) {
            long count = statuses.get(status);
            if (count > 0) {
                codes.put(status, count);
            }
        }
        return codes;
    }
}
