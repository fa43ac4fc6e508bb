package dev.aegis.server.loadtest;

import dev.aegis.api.time.TimeSource;
import java.util.function.LongConsumer;

/**
 * Releases tickets at their intended times and never waits for a response: it wakes when the next ticket is due,
 * releases every ticket due by then (a burst, if it was late) and goes back to sleep. Released tickets keep their
 * intended times, so a stall on this side is measured as latency, not hidden.
 */
final class ArrivalLoop {

    private final ArrivalSchedule schedule;
    private final TimeSource time;
    private final Pacer pacer;
    private final LongConsumer release;

    /** {@code release} receives the number of tickets released so far, each time it grows. */
    ArrivalLoop(ArrivalSchedule schedule, TimeSource time, Pacer pacer, LongConsumer release) {
        this.schedule = schedule;
        this.time = time;
        this.pacer = pacer;
        this.release = release;
    }

    /** Runs until every ticket is released or the thread is interrupted; returns the number released. */
    long run() {
        long released = 0;
        while (released < schedule.tickets() && !Thread.currentThread().isInterrupted()) {
            pacer.awaitNanos(schedule.intendedNanos(released));
            long due = schedule.dueBy(time.nanoTime());
            if (due > released) {
                released = due;
                release.accept(released);
            }
        }
        return released;
    }
}
