package dev.aegis.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

    private static final long START = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    @Test
    void ticketsAreDueAtFixedIntervalsFromTheStart() {
        ArrivalSchedule schedule = new ArrivalSchedule(START, 100, 50, 0);

        assertThat(schedule.intendedNanos(0)).isEqualTo(START);
        assertThat(schedule.intendedNanos(1)).isEqualTo(START + 10 * MS);
        assertThat(schedule.intendedNanos(37)).isEqualTo(START + 370 * MS);
        assertThat(schedule.endNanos()).isEqualTo(START + 500 * MS);
    }

    @Test
    void aFractionalPeriodDoesNotDriftOverALongRun() {
        ArrivalSchedule schedule = new ArrivalSchedule(0, 3, 3_000_000, 0);

        assertThat(schedule.intendedNanos(1)).isEqualTo(333_333_333L);
        assertThat(schedule.intendedNanos(3)).isEqualTo(1_000_000_000L);
        assertThat(schedule.intendedNanos(3_000_000)).isEqualTo(1_000_000L * 1_000_000_000L);
    }

    @Test
    void aTicketIsDueFromItsIntendedTimeOnNotBefore() {
        ArrivalSchedule schedule = new ArrivalSchedule(START, 100, 50, 0);

        assertThat(schedule.dueBy(START - 1)).isZero();
        assertThat(schedule.dueBy(START)).isEqualTo(1);
        assertThat(schedule.dueBy(START + 10 * MS - 1)).isEqualTo(1);
        assertThat(schedule.dueBy(START + 10 * MS)).isEqualTo(2);
        assertThat(schedule.dueBy(START + 245 * MS)).isEqualTo(25);
    }

    @Test
    void dueTicketsNeverExceedTheSchedule() {
        ArrivalSchedule schedule = new ArrivalSchedule(START, 100, 50, 0);

        assertThat(schedule.dueBy(START + 10_000 * MS)).isEqualTo(50);
    }

    @Test
    void theFirstTicketsAreTheWarmUpAndMeasuringStartsAfterThem() {
        ArrivalSchedule schedule = new ArrivalSchedule(START, 100, 50, 20);

        assertThat(schedule.isWarmup(19)).isTrue();
        assertThat(schedule.isWarmup(20)).isFalse();
        assertThat(schedule.measuredStartNanos()).isEqualTo(START + 200 * MS);
    }
}
