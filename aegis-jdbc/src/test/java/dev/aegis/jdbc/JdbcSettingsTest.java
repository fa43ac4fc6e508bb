package dev.aegis.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Settings fail fast and keep credentials out of messages. */
class JdbcSettingsTest {

    @Test
    void anUnsupportedDatabaseIsRefused() {
        assertThatThrownBy(() -> new JdbcSettings("jdbc:mysql://db/aegis", "u", "p", 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mysql://db/aegis")
                .hasMessageContaining("jdbc:h2: or jdbc:postgresql:");
    }

    @Test
    void aPoolNeedsAConnection() {
        assertThatThrownBy(() -> new JdbcSettings("jdbc:postgresql://db/aegis", "u", "p", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 connection");
    }

    @Test
    void theLocationAndToStringLeaveOutParametersAndPassword() {
        JdbcSettings settings = new JdbcSettings("jdbc:postgresql://db:5432/aegis?password=hunter2", "aegis",
                "hunter2", 4);

        assertThat(settings.location()).isEqualTo("jdbc:postgresql://db:5432/aegis");
        assertThat(settings.toString()).doesNotContain("hunter2");
    }

    @Test
    void theEmbeddedDatabaseIsAFileInTheDataDirectory() {
        JdbcSettings settings = JdbcSettings.h2(Path.of("/var/aegis"));

        assertThat(settings.location()).isEqualTo("jdbc:h2:file:/var/aegis/aegis");
    }
}
