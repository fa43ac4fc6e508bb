package dev.aegis.server.cli;

import dev.aegis.api.AegisException;
import dev.aegis.core.config.ConfigException;
import dev.aegis.server.AegisServer;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code aegis}: the one command line of Aegis ({@code aegis serve}, {@code aegis loadtest},
 * {@code aegis audit verify}). Configuration errors print one line and exit 2, like usage errors; other failures
 * print one line and exit 1; no stack traces.
 */
@Command(name = "aegis",
        mixinStandardHelpOptions = true,
        versionProvider = AegisVersion.class,
        description = "A horizontally scalable runtime for AI agents.",
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n")
public final class AegisCommand implements Runnable {

    /** Exit status of a run whose checks failed under {@code --fail-on-slo}, and of failures that are not usage. */
    static final int FAILURE = 1;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(new CliContext(System.getenv(), System.err, server -> {})).execute(args));
    }

    /** The command line with its subcommands, reading the environment and writing progress as {@code context} says. */
    static CommandLine commandLine(CliContext context) {
        CommandLine commandLine = new CommandLine(new AegisCommand())
                .addSubcommand(new ServeCommand(context))
                .addSubcommand(new LoadTestCommand(context))
                .addSubcommand(new CommandLine(new AuditCommand())
                        .addSubcommand(new AuditVerifyCommand(context)))
                .addSubcommand(new CommandLine.HelpCommand());
        commandLine.setExecutionExceptionHandler(AegisCommand::onFailure);
        return commandLine;
    }

    /** Without a command, shows the usage and exits as a usage error. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    private static int onFailure(Exception failure, CommandLine commandLine, CommandLine.ParseResult parsed) {
        commandLine.getErr().println("aegis: " + describe(failure));
        commandLine.getErr().flush();
        return failure instanceof ConfigException ? CommandLine.ExitCode.USAGE : FAILURE;
    }

    /** One line: the message of an Aegis exception; the type and message of anything else, with its first cause. */
    static String describe(Throwable failure) {
        if (failure instanceof ConfigException) {
            return "configuration error: " + failure.getMessage();
        }
        if (failure instanceof AegisException) {
            return failure.getMessage();
        }
        Throwable cause = failure.getCause();
        return failure + (cause == null || cause == failure ? "" : " (caused by " + cause + ")");
    }

    /** What the commands read and write beyond their arguments; tests give their own. */
    record CliContext(Map<String, String> environment, PrintStream progress, Consumer<AegisServer> started) {}
}
