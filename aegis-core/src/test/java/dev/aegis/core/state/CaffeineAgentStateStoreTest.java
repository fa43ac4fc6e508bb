package dev.aegis.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.AegisException;
import dev.aegis.api.state.AgentStateStore;
import dev.aegis.core.config.ConfigException;
import dev.aegis.testkit.ManualClock;
import dev.aegis.testkit.state.AgentStateStoreContract;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CaffeineAgentStateStoreTest extends AgentStateStoreContract {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    private final ManualClock clock = new ManualClock();

    @Override
    protected AgentStateStore createStore() {
        return new CaffeineAgentStateStore(clock, 10_000);
    }

    @Override
    protected void elapse(Duration duration) {
        clock.advance(duration);
    }

    @Test
    void capsTheEventsKeptPerWindowDroppingTheOldest() {
        CaffeineAgentStateStore store = new CaffeineAgentStateStore(clock, 100, 5, 5);
        for (int i = 0; i < 5; i++) {
            store.recordInWindow("w", T0.plusSeconds(i), HOUR);
        }

        assertThat(store.recordInWindow("w", T0.plusSeconds(5), HOUR)).isEqualTo(5);
        assertThat(store.recordInWindow("w", T0.plusSeconds(1), HOUR))
                .as("the events at 0 s and 1 s were dropped to keep five")
                .isEqualTo(1);
    }

    @Test
    void keepsCountingCorrectlyAcrossManyEventsInAndOutOfTheWindow() {
        CaffeineAgentStateStore store = new CaffeineAgentStateStore(clock, 100);
        Duration window = Duration.ofSeconds(10);
        for (int second = 0; second < 1_000; second++) {
            int expected = Math.min(second + 1, 10);
            assertThat(store.recordInWindow("w", T0.plusSeconds(second), window)).isEqualTo(expected);
        }
    }

    @Test
    void capsTheMembersKeptPerSetDroppingTheOldest() {
        CaffeineAgentStateStore store = new CaffeineAgentStateStore(clock, 100, 5, 2);
        store.addMember("s", "a", HOUR);
        store.addMember("s", "b", HOUR);
        store.addMember("s", "c", HOUR);

        assertThat(store.addMember("s", "c", HOUR)).isFalse();
        assertThat(store.addMember("s", "a", HOUR)).as("the oldest member was dropped").isTrue();
    }

    @Test
    void keepsAtMostTheMaximumNumberOfKeys() {
        CaffeineAgentStateStore store = new CaffeineAgentStateStore(clock, 10);
        for (int i = 0; i < 1_000; i++) {
            store.swap("v:" + i, "x", HOUR);
        }

        assertThat(store.estimatedKeys()).isLessThanOrEqualTo(10);
    }

    @Test
    void refusesToUseOneKeyForTwoKindsOfState() {
        AgentStateStore store = createStore();
        store.swap("k", "value", HOUR);

        assertThatThrownBy(() -> store.addMember("k", "m", HOUR))
                .isInstanceOf(AegisException.class)
                .hasMessageContaining("'k' holds value state, not members state");
        assertThat(store.swap("k", "next", HOUR)).contains("value");
    }

    @Test
    void refusesANonPositiveTimeToLiveOrWindow() {
        AgentStateStore store = createStore();

        assertThatThrownBy(() -> store.swap("k", "v", Duration.ZERO)).hasMessageContaining("ttl must be positive");
        assertThatThrownBy(() -> store.recordInWindow("k", T0, Duration.ofSeconds(-1)))
                .hasMessageContaining("window must be positive");
    }

    @Test
    void refusesANonPositiveMaximumOfKeys() {
        assertThatThrownBy(() -> new CaffeineAgentStateStore(clock, 0))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("maximum_keys must be positive, was 0");
    }

    @Test
    void handlesInstantsFarFromTheEpoch() {
        AgentStateStore store = createStore();
        Instant far = Instant.parse("+100000-01-01T00:00:00Z");

        assertThat(store.recordInWindow("w", far, HOUR)).isEqualTo(1);
        assertThat(store.recordInWindow("w", Instant.MIN, HOUR)).isEqualTo(1);
    }
}
