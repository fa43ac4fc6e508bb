package dev.aegis.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AegisCommandTest {

    @Test
    void helpListsTheCommands() {
        CommandRun run = new CommandRun();

        assertThat(run.execute("--help")).isZero();

        assertThat(run.out.toString()).contains("Usage: aegis", "serve", "loadtest");
    }

    @Test
    void versionNamesAegisAndTheJavaRuntime() {
        CommandRun run = new CommandRun();

        assertThat(run.execute("--version")).isZero();

        assertThat(run.out.toString()).startsWith("aegis ").contains("Java " + Runtime.version().feature());
    }

    @Test
    void withoutACommandItShowsTheUsageAndExitsAsAUsageError() {
        CommandRun run = new CommandRun();

        assertThat(run.execute()).isEqualTo(2);

        assertThat(run.err.toString()).contains("Usage: aegis", "a command is required");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CommandRun run = new CommandRun();

        assertThat(run.execute("launch")).isEqualTo(2);

        assertThat(run.err.toString()).contains("launch");
    }

    @Test
    void aFailureIsOneLineWithoutAStackTrace() {
        assertThat(AegisCommand.describe(new dev.aegis.api.AegisException("port 8080 is in use")))
                .isEqualTo("port 8080 is in use");
        assertThat(AegisCommand.describe(new dev.aegis.core.config.ConfigException("aegis.yaml:3: bad duration")))
                .isEqualTo("configuration error: aegis.yaml:3: bad duration");
        assertThat(AegisCommand.describe(new java.io.UncheckedIOException(new java.net.BindException("in use"))))
                .contains("UncheckedIOException", "caused by java.net.BindException: in use")
                .doesNotContain("\n");
    }
}
