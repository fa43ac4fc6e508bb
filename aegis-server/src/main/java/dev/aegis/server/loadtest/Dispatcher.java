package dev.aegis.server.loadtest;

import dev.aegis.api.time.TimeSource;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Sends released tickets over at most {@code connections} requests in flight (HTTP/1.1 keep-alive: one request per
 * connection at a time). A ticket that finds every connection busy waits, and its latency keeps counting from its
 * intended time; one that has waited past the request timeout is dropped and counted as an error. Whoever frees a
 * connection (a response, the arrival loop) sends the next ticket: no thread waits for a response.
 *
 * <p>The warm-up is not measured, only there to warm the JIT, the connections and the server: a warm-up ticket
 * later than {@link #WARMUP_MAX_LATENESS_NANOS} is skipped (counted as dropped in the warm-up), so a client or a
 * server still cold at the start never carries a backlog into the measured phase.
 */
final class Dispatcher implements LongConsumer {

    static final long WARMUP_MAX_LATENESS_NANOS = 50_000_000L;
    private static final ThreadLocal<boolean[]> PUMPING = ThreadLocal.withInitial(() -> new boolean[1]);

    private final ArrivalSchedule schedule;
    private final Transport transport;
    private final Tally tally;
    private final TimeSource time;
    private final long timeoutNanos;
    private final AtomicInteger freeConnections;
    private final AtomicLong claimed = new AtomicLong();
    private volatile long released;

    Dispatcher(ArrivalSchedule schedule, Transport transport, Tally tally, TimeSource time, int connections,
            long timeoutNanos) {
        this.schedule = schedule;
        this.transport = transport;
        this.tally = tally;
        this.time = time;
        this.timeoutNanos = timeoutNanos;
        this.freeConnections = new AtomicInteger(connections);
    }

    /** The arrival loop released tickets up to (not including) {@code releasedCount}. */
    @Override
    public void accept(long releasedCount) {
        released = releasedCount;
        pump();
    }

    /** Tickets released but not yet sent or dropped. */
    long waiting() {
        return released - claimed.get();
    }

    private void pump() {
        boolean[] pumping = PUMPING.get();
        pumping[0] = true;
        try {
            while (hasWaiting() && takeConnection()) {
                long ticket = claim();
                if (ticket < 0) {
                    freeConnections.incrementAndGet();
                } else {
                    dispatch(ticket);
                }
            }
        } finally {
            pumping[0] = false;
        }
    }

    private boolean hasWaiting() {
        return claimed.get() < released;
    }

    private boolean takeConnection() {
        int free;
        do {
            free = freeConnections.get();
            if (free == 0) {
                return false;
            }
        } while (!freeConnections.compareAndSet(free, free - 1));
        return true;
    }

    private long claim() {
        long next;
        do {
            next = claimed.get();
            if (next >= released) {
                return -1;
            }
        } while (!claimed.compareAndSet(next, next + 1));
        return next;
    }

    private void dispatch(long ticket) {
        long intended = schedule.intendedNanos(ticket);
        long late = time.nanoTime() - intended;
        if (late > (schedule.isWarmup(ticket) ? Math.min(timeoutNanos, WARMUP_MAX_LATENESS_NANOS) : timeoutNanos)) {
            tally.record(ticket, Outcome.DROPPED, late);
            freeConnections.incrementAndGet();
            return;
        }
        tally.sent(ticket);
        try {
            transport.send(ticket, outcome -> complete(ticket, intended, outcome));
        } catch (RuntimeException e) {
            complete(ticket, intended, new Outcome.Failed(e.toString()));
        }
    }

    private void complete(long ticket, long intended, Outcome outcome) {
        tally.record(ticket, outcome, time.nanoTime() - intended);
        freeConnections.incrementAndGet();
        if (!PUMPING.get()[0]) {
            pump();
        }
    }
}
