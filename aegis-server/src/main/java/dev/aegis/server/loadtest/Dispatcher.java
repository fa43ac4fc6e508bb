package dev.aegis.server.loadtest;

import dev.aegis.api.time.TimeSource;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends released tickets over at most {@code connections} requests in flight (HTTP/1.1 keep-alive: one request per
 * connection at a time). A ticket that finds every connection busy waits, and its latency keeps counting from its
 * intended time; one that has waited past the request timeout is dropped and counted as an error.
 *
 * <p>Only the sending thread (the one running the {@link ArrivalLoop}) sends. A response frees its connection and,
 * when tickets are waiting, unparks the sending thread; it never sends itself, so the HTTP client's I/O threads only
 * read and write.
 *
 * <p>The warm-up is not measured, only there to warm the JIT, the connections and the server: a warm-up ticket later
 * than {@link #WARMUP_MAX_LATENESS_NANOS} is skipped (counted as dropped in the warm-up), so a client or a server
 * still cold at the start never carries a backlog into the measured phase.
 */
final class Dispatcher implements ArrivalLoop.Sink {

    static final long WARMUP_MAX_LATENESS_NANOS = 50_000_000L;

    private final ArrivalSchedule schedule;
    private final Transport transport;
    private final Tally tally;
    private final TimeSource time;
    private final long timeoutNanos;
    private final AtomicInteger freeConnections;
    private volatile long released;
    private volatile long claimed;
    private volatile Thread sender;

    Dispatcher(ArrivalSchedule schedule, Transport transport, Tally tally, TimeSource time, int connections,
            long timeoutNanos) {
        this.schedule = schedule;
        this.transport = transport;
        this.tally = tally;
        this.time = time;
        this.timeoutNanos = timeoutNanos;
        this.freeConnections = new AtomicInteger(connections);
    }

    /** Sends (or drops) released tickets while connections are free; call from the sending thread only. */
    @Override
    public void release(long releasedCount) {
        sender = Thread.currentThread();
        released = releasedCount;
        long next = claimed;
        while (next < releasedCount && takeConnection()) {
            claimed = next + 1;
            dispatch(next);
            next++;
        }
    }

    @Override
    public boolean drained() {
        return claimed >= schedule.tickets();
    }

    /** Tickets released but not yet sent or dropped. */
    long waiting() {
        return released - claimed;
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
        Thread waitingSender = sender;
        if (claimed < released && waitingSender != null && waitingSender != Thread.currentThread()) {
            LockSupport.unpark(waitingSender);
        }
    }
}
