package dev.aegis.core.agent;

import dev.aegis.api.time.TimeSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A {@link TimeSource} seen as a {@link Clock}, so that circuit breakers open and close on the injected time. */
final class TimeSourceClock extends Clock {

    private final TimeSource time;
    private final ZoneId zone;

    TimeSourceClock(TimeSource time) {
        this(time, ZoneOffset.UTC);
    }

    private TimeSourceClock(TimeSource time, ZoneId zone) {
        this.time = time;
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new TimeSourceClock(time, other);
    }

    @Override
    public Instant instant() {
        return time.now();
    }

    @Override
    public long millis() {
        return time.now().toEpochMilli();
    }
}
