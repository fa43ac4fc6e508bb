package dev.aegis.server.loadtest;

import dev.aegis.api.time.TimeSource;

/**
 * The sending thread's loop. It releases tickets at their intended times and never waits for a response: it wakes
 * when the next ticket is due (or when a connection frees up while tickets wait), releases every ticket due by then
 * (a burst, if it was late) and goes back to sleep. Released tickets keep their intended times, so a stall on this
 * side is measured as latency, not hidden. It returns once the sink has taken every ticket.
 */
final class ArrivalLoop {

    /** Once every ticket is released, how long to sleep between looks at the tickets still waiting. */
    static final long IDLE_WAIT_NANOS = 1_000_000L;

    private final ArrivalSchedule schedule;
    private final TimeSource time;
    private final Pacer pacer;
    private final Sink sink;

    ArrivalLoop(ArrivalSchedule schedule, TimeSource time, Pacer pacer, Sink sink) {
        this.schedule = schedule;
        this.time = time;
        this.pacer = pacer;
        this.sink = sink;
    }

    /** Runs until the sink has taken every ticket or the thread is interrupted; returns the number released. */
    long run() {
        long released = 0;
        while (!sink.drained() && !Thread.currentThread().isInterrupted()) {
            released = Math.max(released, schedule.dueBy(time.nanoTime()));
            sink.release(released);
            if (sink.drained()) {
                break;
            }
            pacer.awaitNanos(released < schedule.tickets()
                    ? schedule.intendedNanos(released) : time.nanoTime() + IDLE_WAIT_NANOS);
        }
        return released;
    }

    /** Where released tickets go. */
    interface Sink {

        /** Tickets before {@code releasedCount} are due; called on every wake-up, the count never decreasing. */
        void release(long releasedCount);

        /** Whether every ticket of the schedule has been taken (sent or dropped). */
        boolean drained();
    }
}
