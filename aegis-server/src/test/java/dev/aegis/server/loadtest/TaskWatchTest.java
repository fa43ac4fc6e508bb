package dev.aegis.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aegis.api.AegisException;
import dev.aegis.testkit.ManualClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class TaskWatchTest {

    private static final long MS = 1_000_000L;
    private static final long BEFORE = 500;

    private final ManualClock clock = new ManualClock();
    private final AtomicInteger reads = new AtomicInteger();
    private final Pacer pacer = deadline -> clock.advance(Duration.ofNanos(Math.max(0, deadline - clock.nanoTime())));

    @Test
    void stopsAtTheFirstReadingThatShowsEveryAcceptedTaskCompleted() {
        TaskWatch watch = start(ms -> ms < 10_350 ? BEFORE + ms / 10 : BEFORE + 1_100);
        clock.advance(Duration.ofSeconds(10));

        TaskCompletion completion = watch.await(100, 1_000, 0);

        assertThat(completion).isEqualTo(new TaskCompletion(1_000, 1_000, Duration.ofMillis(10_400)));
        assertThat(completion.all()).isTrue();
        assertThat(completion.throughput()).isCloseTo(96.15, within(0.01));
        assertThat(clock.nanoTime()).isEqualTo(10_400 * MS);
    }

    @Test
    void tasksAlreadyCompletedWhenTheRunEndsNeedOneReading() {
        TaskWatch watch = start(ms -> ms == 0 ? BEFORE : BEFORE + 2_000);
        clock.advance(Duration.ofSeconds(2));

        TaskCompletion completion = watch.await(0, 2_000, 0);

        assertThat(completion).isEqualTo(new TaskCompletion(2_000, 2_000, Duration.ofSeconds(2)));
        assertThat(reads).hasValue(2);
    }

    @Test
    void givesUpFiveSecondsAfterTheLastGrowthAndReportsWhatCompleted() {
        TaskWatch watch = start(ms -> BEFORE + Math.min(ms, 1_700) / 2);
        clock.advance(Duration.ofSeconds(1));

        TaskCompletion completion = watch.await(50, 1_000, 0);

        assertThat(completion).isEqualTo(new TaskCompletion(1_000, 800, Duration.ofMillis(1_700)));
        assertThat(completion.all()).isFalse();
        assertThat(clock.nanoTime()).isEqualTo((1_700 + 5_000) * MS);
    }

    @Test
    void givesUpAfterAMinuteHoweverSlowlyItGrows() {
        TaskWatch watch = start(ms -> BEFORE + ms / 1_000);
        clock.advance(Duration.ofSeconds(5));

        TaskCompletion completion = watch.await(0, 1_000, 0);

        assertThat(clock.nanoTime()).isEqualTo(65_000 * MS);
        assertThat(completion.completed()).isEqualTo(65);
        assertThat(completion.span()).isEqualTo(Duration.ofSeconds(65));
    }

    @Test
    void aReadingThatFailsAfterTheRunCountsAsNoGrowth() {
        TaskWatch watch = start(ms -> {
            if (ms > 0 && ms < 3_000) {
                throw new AegisException("GET /metrics answered 503, not 200");
            }
            return ms == 0 ? BEFORE : BEFORE + 10;
        });

        TaskCompletion completion = watch.await(0, 10, 0);

        assertThat(completion).isEqualTo(new TaskCompletion(10, 10, Duration.ofSeconds(3)));
    }

    @Test
    void aCountThatCannotBeReadBeforeTheRunFailsTheRun() {
        assertThatThrownBy(() -> TaskWatch.start(() -> {
            throw new AegisException("cannot read http://127.0.0.1:1/metrics");
        }, clock, pacer)).isInstanceOf(AegisException.class).hasMessageContaining("/metrics");
    }

    @Test
    void theCompletionSpanStartsAtTheFirstMeasuredRequest() {
        TaskWatch watch = start(ms -> ms == 0 ? BEFORE : BEFORE + 300);
        clock.advance(Duration.ofSeconds(4));

        TaskCompletion completion = watch.await(100, 200, 1_000 * MS);

        assertThat(completion).isEqualTo(new TaskCompletion(200, 200, Duration.ofSeconds(3)));
        assertThat(completion.throughput()).isCloseTo(66.67, within(0.01));
    }

    @Test
    void completedCountsOnlyTasksBeyondTheWarmUpsAndAtMostTheAccepted() {
        assertThat(TaskCompletion.of(1_000, 100, 1_050, 1_000 * MS).completed()).isEqualTo(950);
        assertThat(TaskCompletion.of(1_000, 100, 1_500, 1_000 * MS).completed()).isEqualTo(1_000);
        assertThat(TaskCompletion.of(1_000, 100, 40, 1_000 * MS).completed()).isZero();
        assertThat(TaskCompletion.of(0, 0, 0, 0).throughput()).isZero();
    }

    /** A watch whose reading at each millisecond of the manual clock is {@code count.applyAsLong(ms)}. */
    private TaskWatch start(LongUnaryOperator count) {
        return TaskWatch.start(() -> {
            reads.incrementAndGet();
            return count.applyAsLong(clock.nanoTime() / MS);
        }, clock, pacer);
    }
}
