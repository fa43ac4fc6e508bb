package dev.aegis.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aegis.testkit.ManualClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    private static final long MS = 1_000_000L;
    private static final long TIMEOUT = 1_000 * MS;

    private final ManualClock clock = new ManualClock();
    private final HeldTransport transport = new HeldTransport();

    @Test
    void sendsNoMoreThanOneRequestPerConnectionAtOnce() {
        ArrivalSchedule schedule = schedule(10, 0);
        Dispatcher dispatcher = new Dispatcher(schedule, transport, new Tally(schedule), clock, 2, TIMEOUT);

        dispatcher.release(5);

        assertThat(transport.inFlight.keySet()).containsExactly(0L, 1L);
        assertThat(dispatcher.waiting()).isEqualTo(3);
    }

    @Test
    void aResponseFreesItsConnectionAndOnlyTheSenderSendsTheNextTicket() {
        ArrivalSchedule schedule = schedule(10, 0);
        Dispatcher dispatcher = new Dispatcher(schedule, transport, new Tally(schedule), clock, 2, TIMEOUT);
        dispatcher.release(3);

        transport.answer(0, 200);

        assertThat(transport.inFlight.keySet()).containsExactly(1L);
        assertThat(dispatcher.waiting()).isEqualTo(1);
        dispatcher.release(3);
        assertThat(transport.inFlight.keySet()).containsExactly(1L, 2L);
        assertThat(dispatcher.waiting()).isZero();
    }

    @Test
    void drainedOnceEveryTicketIsSentOrDropped() {
        ArrivalSchedule schedule = schedule(3, 0);
        Dispatcher dispatcher = new Dispatcher(schedule, transport, new Tally(schedule), clock, 2, TIMEOUT);

        dispatcher.release(3);
        assertThat(dispatcher.drained()).isFalse();
        transport.answer(0, 200);
        dispatcher.release(3);

        assertThat(dispatcher.drained()).isTrue();
    }

    @Test
    void latencyCountsFromTheIntendedTimeIncludingTheWaitForAConnection() {
        ArrivalSchedule schedule = schedule(10, 0);
        Tally tally = new Tally(schedule);
        Dispatcher dispatcher = new Dispatcher(schedule, transport, tally, clock, 1, TIMEOUT);
        dispatcher.release(1);
        clock.advance(Duration.ofMillis(10));
        dispatcher.release(2);
        clock.advance(Duration.ofMillis(30));
        transport.answer(0, 200);
        dispatcher.release(2);
        clock.advance(Duration.ofMillis(5));

        transport.answer(1, 200);

        tally.sample();
        Histogram micros = tally.measured().total();
        assertThat(micros.getTotalCount()).isEqualTo(2);
        assertThat(micros.getMaxValue()).as("ticket 0: sent at once, answered at 40 ms").isCloseTo(40_000, within(40L));
        assertThat(micros.getMinValue()).as("ticket 1: due at 10 ms, waited 30 ms, answered 5 ms later")
                .isCloseTo(35_000, within(40L));
    }

    @Test
    void aTicketThatWaitedPastTheTimeoutIsDroppedAndCountedNotSent() {
        ArrivalSchedule schedule = schedule(10, 0);
        Tally tally = new Tally(schedule);
        Dispatcher dispatcher = new Dispatcher(schedule, transport, tally, clock, 1, TIMEOUT);
        dispatcher.release(2);
        clock.advance(Duration.ofMillis(1_500));
        transport.answer(0, 200);

        dispatcher.release(2);

        RequestCounts counts = tally.measured().counts();
        assertThat(counts.sent()).isEqualTo(1);
        assertThat(counts.ok()).isEqualTo(1);
        assertThat(counts.dropped()).isEqualTo(1);
        assertThat(counts.errors()).isEqualTo(1);
        assertThat(transport.sent).isEqualTo(1);
        assertThat(tally.resolved()).isEqualTo(2);
    }

    @Test
    void aLateWarmUpTicketIsSkippedSoNoBacklogReachesTheMeasuredPhase() {
        ArrivalSchedule schedule = schedule(10, 3);
        Tally tally = new Tally(schedule);
        Dispatcher dispatcher = new Dispatcher(schedule, transport, tally, clock, 1, TIMEOUT);
        dispatcher.release(1);
        clock.advance(Duration.ofMillis(100));
        dispatcher.release(4);
        transport.answer(0, 200);

        dispatcher.release(4);

        assertThat(tally.warmup().counts().dropped()).isEqualTo(2);
        assertThat(transport.inFlight.keySet()).containsExactly(3L);
    }

    @Test
    void everyOutcomeIsCountedInItsKind() {
        ArrivalSchedule schedule = schedule(10, 0);
        Tally tally = new Tally(schedule);
        Dispatcher dispatcher = new Dispatcher(schedule, transport, tally, clock, 4, TIMEOUT);
        dispatcher.release(4);

        transport.complete(0, new Outcome.Response(204));
        transport.complete(1, new Outcome.Response(503));
        transport.complete(2, Outcome.TIMED_OUT);
        transport.complete(3, new Outcome.Failed("java.net.ConnectException: Connection refused"));

        assertThat(tally.measured().counts())
                .isEqualTo(new RequestCounts(4, 2, 1, 1, 1, 1, 0));
        assertThat(tally.measured().statusCodes()).containsExactly(Map.entry(204, 1L), Map.entry(503, 1L));
        assertThat(tally.firstFailure()).contains("java.net.ConnectException: Connection refused");
    }

    @Test
    void aTransportThatThrowsCountsAsAnIoErrorAndFreesTheConnection() {
        ArrivalSchedule schedule = schedule(10, 0);
        Tally tally = new Tally(schedule);
        Transport failing = new Transport() {
            @Override
            public void send(long ticket, Consumer<Outcome> done) {
                throw new IllegalStateException("client closed");
            }

            @Override
            public void close() {}
        };
        Dispatcher dispatcher = new Dispatcher(schedule, failing, tally, clock, 1, TIMEOUT);

        dispatcher.release(3);

        assertThat(tally.measured().counts().ioErrors()).isEqualTo(3);
        assertThat(tally.resolved()).isEqualTo(3);
    }

    @Test
    void allResolvedCompletesWhenTheLastTicketEnds() {
        ArrivalSchedule schedule = schedule(2, 0);
        Tally tally = new Tally(schedule);
        Dispatcher dispatcher = new Dispatcher(schedule, transport, tally, clock, 2, TIMEOUT);
        dispatcher.release(2);
        transport.answer(0, 200);

        assertThat(tally.allResolved()).isNotDone();
        transport.answer(1, 200);
        assertThat(tally.allResolved()).isDone();
    }

    private ArrivalSchedule schedule(long tickets, long warmup) {
        return new ArrivalSchedule(clock.nanoTime(), 100, tickets, warmup);
    }

    /** Holds each request until the test answers it. */
    private static final class HeldTransport implements Transport {

        final Map<Long, Consumer<Outcome>> inFlight = new LinkedHashMap<>();
        int sent;

        @Override
        public void send(long ticket, Consumer<Outcome> done) {
            sent++;
            inFlight.put(ticket, done);
        }

        void answer(long ticket, int status) {
            complete(ticket, new Outcome.Response(status));
        }

        void complete(long ticket, Outcome outcome) {
            inFlight.remove(ticket).accept(outcome);
        }

        @Override
        public void close() {}
    }
}
