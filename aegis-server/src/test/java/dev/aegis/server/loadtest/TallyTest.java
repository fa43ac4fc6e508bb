package dev.aegis.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TallyTest {

    private static final long MS = 1_000_000L;

    private final ArrivalSchedule schedule = new ArrivalSchedule(0, 100, 12, 2);
    private final Tally tally = new Tally(schedule);

    @Test
    void requestsAnsweredOnScheduleSpanThePlannedDuration() {
        for (long ticket = 0; ticket < 12; ticket++) {
            tally.record(ticket, new Outcome.Response(200), 5 * MS);
        }

        assertThat(tally.measuredSpanNanos()).isEqualTo(100 * MS);
    }

    @Test
    void answersTrailingBehindTheScheduleStretchTheSpan() {
        for (long ticket = 0; ticket < 11; ticket++) {
            tally.record(ticket, new Outcome.Response(200), 5 * MS);
        }
        tally.record(11, new Outcome.Response(200), 300 * MS);

        long firstEnd = 20 * MS + 5 * MS;
        long lastEnd = 110 * MS + 300 * MS;
        assertThat(tally.measuredSpanNanos()).isEqualTo(lastEnd - firstEnd + 10 * MS);
    }

    @Test
    void warmUpRequestsAreCountedApartAndNeverInTheMeasuredLatencies() {
        tally.record(0, new Outcome.Response(200), 900 * MS);
        tally.record(1, Outcome.DROPPED, 60 * MS);
        tally.record(2, new Outcome.Response(200), 5 * MS);

        tally.sample();

        assertThat(tally.warmup().counts().ok()).isEqualTo(1);
        assertThat(tally.warmup().counts().dropped()).isEqualTo(1);
        assertThat(tally.measured().counts().ok()).isEqualTo(1);
        assertThat(tally.measured().total().getMaxValue()).isLessThan(6_000);
    }

    @Test
    void withNothingMeasuredTheSpanIsThePlannedOne() {
        assertThat(tally.measuredSpanNanos()).isEqualTo(100 * MS);
    }
}
