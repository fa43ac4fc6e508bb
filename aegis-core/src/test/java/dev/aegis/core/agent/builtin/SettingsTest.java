package dev.aegis.core.agent.builtin;

import static dev.aegis.core.agent.builtin.AgentFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.aegis.api.agent.AgentDefinition;
import dev.aegis.core.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static Settings settings(String text, String... known) {
        return Settings.of(new AgentDefinition("a", "t", json(text)), known);
    }

    @Test
    void answersDefaultsForAbsentKeysAndForNullSettings() {
        Settings none = Settings.of(new AgentDefinition("a", "t", NullNode.getInstance()), "window");

        assertThat(none.positiveDuration("window", Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings("{}", "limit").positiveInt("limit", 10)).isEqualTo(10);
        assertThat(settings("{}", "deny").texts("deny")).isEmpty();
    }

    @Test
    void readsDurationsInShortAndIsoForms() {
        Settings settings = settings("{'a': '500ms', 'b': '1.5s', 'c': 'PT2M', 'd': '30d'}", "a", "b", "c", "d");

        assertThat(settings.positiveDuration("a", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.positiveDuration("b", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.positiveDuration("c", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.positiveDuration("d", Duration.ZERO)).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void readsNumbersAndListsWrittenAsStringsForEnvironmentOverrides() {
        Settings settings = settings("{'limit': '25', 'score': '0.4', 'deny': ' 192.0.2.0/24 ,10.0.0.0/8,'}",
                "limit", "score", "deny");

        assertThat(settings.positiveInt("limit", 1)).isEqualTo(25);
        assertThat(settings.score("score", 0)).isEqualTo(0.4);
        assertThat(settings.texts("deny")).containsExactly("192.0.2.0/24", "10.0.0.0/8");
    }

    @Test
    void readsMapsOfStrings() {
        assertThat(settings("{'headers': {'X-Team': 'risk'}}", "headers").textMap("headers"))
                .isEqualTo(Map.of("X-Team", "risk"));
        assertThatThrownBy(() -> settings("{'headers': {'X-Retries': 3}}", "headers").textMap("headers"))
                .hasMessage("agent 'a': headers.X-Retries must be a non-empty string, was 3");
    }

    @Test
    void refusesBadValuesNamingTheAgentAndTheSetting() {
        assertThatThrownBy(() -> settings("{'limit': 2.5}", "limit").positiveInt("limit", 1))
                .isInstanceOf(ConfigException.class)
                .hasMessage("agent 'a': limit must be a whole number from 1 to 2147483647, was 2.5");
        assertThatThrownBy(() -> settings("{'window': 60}", "window").positiveDuration("window", Duration.ZERO))
                .hasMessage("agent 'a': window must be a duration such as 60s, 500ms or PT1M, was 60");
        assertThatThrownBy(() -> settings("{'speed': -1}", "speed").positiveNumber("speed", 1))
                .hasMessage("agent 'a': speed must be positive, was -1.0");
        assertThatThrownBy(() -> settings("{'deny': [1]}", "deny").texts("deny"))
                .hasMessage("agent 'a': deny[0] must be a non-empty string, was 1");
        assertThatThrownBy(() -> settings("[1]"))
                .hasMessage("agent 'a': settings must be an object, was ARRAY");
    }

    @Test
    void formatsDurationsForReasons() {
        assertThat(List.of(Duration.ofSeconds(60), Duration.ofHours(2), Duration.ofDays(30), Duration.ofMillis(250))
                .stream().map(DurationText::format).toList())
                .containsExactly("60s", "2h", "30d", "250ms");
        assertThat(DurationText.human(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(DurationText.human(Duration.ofMinutes(75))).isEqualTo("75 min");
        assertThat(DurationText.human(Duration.ofMinutes(150))).isEqualTo("2.5 h");
    }
}
