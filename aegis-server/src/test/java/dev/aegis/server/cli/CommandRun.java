package dev.aegis.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/** Runs the command line in-process, with its output captured. */
final class CommandRun {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private final CommandLine commandLine;

    CommandRun(Map<String, String> environment, java.util.function.Consumer<dev.aegis.server.AegisServer> started) {
        commandLine = AegisCommand.commandLine(new AegisCommand.CliContext(environment,
                new PrintStream(progress, true, StandardCharsets.UTF_8), started));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
    }

    CommandRun() {
        this(Map.of(), server -> {});
    }

    int execute(String... args) {
        return commandLine.execute(args);
    }

    String progress() {
        return progress.toString(StandardCharsets.UTF_8);
    }
}
