package dev.aegis.core.agent.builtin;

import static dev.aegis.core.agent.builtin.AgentFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentInput;
import dev.aegis.api.agent.AgentOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlakyAgentTest {

    private final AgentFixture fixture = new AgentFixture();
    private final Agent flaky = fixture.agent(new FlakyAgentProvider(), "{}");

    private AgentOutcome attempt(String requestId, String input) throws Exception {
        return flaky.evaluate(AgentInput.of(json(input)), fixture.context("tenant-a", requestId));
    }

    @Test
    void failsTheFirstNAttemptsOfARequestRetryablyThenSucceeds() throws Exception {
        assertThat(attempt("r-1", "{'fail_times': 2}"))
                .isEqualTo(AgentOutcome.retryableFailure("planned failure 1 of 2"));
        assertThat(attempt("r-1", "{'fail_times': 2}"))
                .isEqualTo(AgentOutcome.retryableFailure("planned failure 2 of 2"));
        assertThat(attempt("r-1", "{'fail_times': 2}"))
                .isEqualTo(AgentOutcome.success(0, List.of("flaky: succeeded on attempt 3")));
        assertThat(attempt("r-1", "{'fail_times': 2}")).isInstanceOf(AgentOutcome.Success.class);
    }

    @Test
    void countsEachRequestIdOnItsOwn() throws Exception {
        attempt("r-1", "{'fail_times': 1}");

        assertThat(attempt("r-2", "{'fail_times': 1}")).isInstanceOf(AgentOutcome.Failure.class);
        assertThat(attempt("r-1", "{'fail_times': 1}")).isInstanceOf(AgentOutcome.Success.class);
    }

    @Test
    void succeedsAtOnceWhenAskedToFailZeroTimes() throws Exception {
        assertThat(attempt("r-1", "{'fail_times': 0}")).isInstanceOf(AgentOutcome.Success.class);
    }

    @Test
    void startsCountingAgainAfterItsRememberTime() throws Exception {
        attempt("r-1", "{'fail_times': 1}");
        fixture.clock.advance(Duration.ofHours(2));

        assertThat(attempt("r-1", "{'fail_times': 1}")).isInstanceOf(AgentOutcome.Failure.class);
    }

    @Test
    void failsPermanentlyWithoutAUsableFailTimes() throws Exception {
        assertThat(attempt("r-1", "{}")).isEqualTo(
                AgentOutcome.permanentFailure("input field 'fail_times' must be a whole number from 0"));
        assertThat(attempt("r-1", "{'fail_times': 1.5}")).isInstanceOf(AgentOutcome.Failure.class);
    }
}
