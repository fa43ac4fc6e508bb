package dev.aegis.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ArrivalLoopTest {

    private static final long MS = 1_000_000L;

    private final ManualClock clock = new ManualClock();
    private final List<Release> releases = new ArrayList<>();

    @Test
    void releasesEachTicketAtItsIntendedTime() {
        ArrivalSchedule schedule = new ArrivalSchedule(clock.nanoTime(), 100, 5, 0);

        new ArrivalLoop(schedule, clock, pacer(0, 0), record(schedule)).run();

        assertThat(releases).extracting(Release::ticket).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(releases).allSatisfy(release -> assertThat(release.at()).isEqualTo(release.intended()));
    }

    @Test
    void catchesUpAfterAStallKeepingEveryIntendedTime() {
        ArrivalSchedule schedule = new ArrivalSchedule(clock.nanoTime(), 100, 12, 0);

        new ArrivalLoop(schedule, clock, pacer(2, 55 * MS), record(schedule)).run();

        assertThat(releases).extracting(Release::ticket)
                .containsExactlyElementsOf(LongStream.range(0, 12).boxed().toList());
        assertThat(releases).extracting(Release::intended)
                .containsExactlyElementsOf(LongStream.range(0, 12).mapToObj(i -> i * 10 * MS).toList());
        long stalledUntil = 30 * MS + 55 * MS;
        assertThat(releases.subList(3, 9)).allSatisfy(release -> assertThat(release.at()).isEqualTo(stalledUntil));
        assertThat(releases.subList(9, 12))
                .allSatisfy(release -> assertThat(release.at()).isEqualTo(release.intended()));
    }

    @Test
    void stopsWhenInterrupted() {
        ArrivalSchedule schedule = new ArrivalSchedule(clock.nanoTime(), 100, 1_000, 0);
        Pacer interruptAtTicketFive = deadline -> {
            clock.advance(Duration.ofNanos(Math.max(0, deadline - clock.nanoTime())));
            if (deadline >= 5 * 10 * MS) {
                Thread.currentThread().interrupt();
            }
        };

        long released = new ArrivalLoop(schedule, clock, interruptAtTicketFive, record(schedule)).run();

        assertThat(Thread.interrupted()).isTrue();
        assertThat(released).isEqualTo(5);
        assertThat(releases).hasSize(5);
    }

    /** Advances the clock to each deadline; at the given wait (0 is the first), also stalls for {@code stallNanos}. */
    private Pacer pacer(int stallAtWait, long stallNanos) {
        int[] waits = {0};
        return deadline -> {
            long stall = waits[0]++ == stallAtWait ? stallNanos : 0;
            clock.advance(Duration.ofNanos(Math.max(0, deadline - clock.nanoTime()) + stall));
        };
    }

    /** Takes every released ticket at once, recording when. */
    private ArrivalLoop.Sink record(ArrivalSchedule schedule) {
        return new ArrivalLoop.Sink() {
            private long taken;

            @Override
            public void release(long releasedCount) {
                for (long ticket = taken; ticket < releasedCount; ticket++) {
                    releases.add(new Release(ticket, schedule.intendedNanos(ticket), clock.nanoTime()));
                }
                taken = releasedCount;
            }

            @Override
            public boolean drained() {
                return taken == schedule.tickets();
            }
        };
    }

    private record Release(long ticket, long intended, long at) {}
}
