package dev.aegis.core.agent.builtin;

import static dev.aegis.core.agent.builtin.AgentFixture.failure;
import static dev.aegis.core.agent.builtin.AgentFixture.json;
import static dev.aegis.core.agent.builtin.AgentFixture.success;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.agent.AgentInput;
import dev.aegis.api.agent.AgentOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SleepAgentTest {

    private final AgentFixture fixture = new AgentFixture();
    private final List<Duration> sleeps = new ArrayList<>();
    private final SleepAgent sleep = new SleepAgent("sleep", 60_000, sleeps::add);

    @Test
    void sleepsAsLongAsAskedThenScoresZero() throws Exception {
        AgentOutcome.Success outcome = success(fixture.call(sleep, "{'ms': 250}"));

        assertThat(sleeps).containsExactly(Duration.ofMillis(250));
        assertThat(outcome.score()).isZero();
        assertThat(outcome.reasons()).containsExactly("sleep: slept 250 ms");
    }

    @Test
    void sleepsAtMostMaxMillis() throws Exception {
        SleepAgent capped = new SleepAgent("nap", 1_000, sleeps::add);

        AgentOutcome.Success outcome = success(fixture.call(capped, "{'ms': 3600000}"));

        assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
        assertThat(outcome.reasons()).containsExactly("nap: slept 1000 ms (asked 3600000, capped at max_ms)");
    }

    @Test
    void failsPermanentlyWithoutAUsableMs() throws Exception {
        assertThat(failure(fixture.call(sleep, "{}")).retryable()).isFalse();
        assertThat(failure(fixture.call(sleep, "{'ms': -1}")).reason()).contains("'ms'");
        assertThat(failure(fixture.call(sleep, "{'ms': '5'}")).retryable()).isFalse();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void stopsSleepingWhenInterrupted() throws Exception {
        SleepAgent real = (SleepAgent) fixture.agent(new SleepAgentProvider(), "{}");
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread sleeper = Thread.ofVirtual().start(() -> {
            started.countDown();
            try {
                real.evaluate(AgentInput.of(json("{'ms': 60000}")), fixture.context("t", "r"));
                ended.complete(null);
            } catch (Throwable e) {
                ended.complete(e);
            }
        });
        started.await();
        sleeper.interrupt();

        assertThat(ended.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void readsMaxMillisFromItsSettings() throws Exception {
        SleepAgent configured = (SleepAgent) fixture.agent(new SleepAgentProvider(), "{'max_ms': 1}");

        assertThat(success(fixture.call(configured, "{'ms': 5}")).reasons())
                .containsExactly("sleep: slept 1 ms (asked 5, capped at max_ms)");
    }
}
