package dev.aegis.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aegis audit}: works on the audit log; its one command is {@code verify}. */
@Command(name = "audit",
        mixinStandardHelpOptions = true,
        description = "Works on the audit log.",
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n")
final class AuditCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    /** Without a command, shows the usage and exits as a usage error. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: verify");
    }
}
