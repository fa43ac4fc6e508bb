package dev.aegis.core.agent;

import dev.aegis.api.agent.AgentContext;
import dev.aegis.api.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The context of one call, held as an absolute deadline on the monotonic clock of {@code time}: everything
 * that waits recomputes what is left against this one instant.
 *
 * @param deadlineNanos the deadline as a {@link TimeSource#nanoTime()} value
 */
public record CallContext(String tenant, String requestId, TimeSource time, long deadlineNanos)
        implements AgentContext {

    public CallContext {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(time, "time");
    }

    /** A context whose deadline is {@code budget} from now. */
    public static CallContext of(String tenant, String requestId, TimeSource time, Duration budget) {
        return new CallContext(tenant, requestId, time, time.nanoTime() + budget.toNanos());
    }

    /** The same call with its deadline on {@code time}'s clock, whatever kind of context it came as. */
    static CallContext from(AgentContext context, TimeSource time) {
        if (context instanceof CallContext call && call.time == time) {
            return call;
        }
        return new CallContext(context.tenant(), context.requestId(), time,
                time.nanoTime() + context.remaining().toNanos());
    }

    /** The same call, with the earlier of its own deadline and {@code nanos}. */
    CallContext narrowedTo(long nanos) {
        return nanos - deadlineNanos >= 0 ? this : new CallContext(tenant, requestId, time, nanos);
    }

    /** Nanoseconds left until the deadline; zero or negative once it passed. */
    public long remainingNanos() {
        return deadlineNanos - time.nanoTime();
    }

    @Override
    public Instant deadline() {
        return time.now().plusNanos(remainingNanos());
    }

    @Override
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, remainingNanos()));
    }
}
