package dev.aegis.server.cli;

import dev.aegis.api.audit.AuditRange;
import dev.aegis.api.audit.AuditVerification;
import dev.aegis.server.AuditLogs;
import dev.aegis.server.config.AegisConfig;
import dev.aegis.server.config.ConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aegis audit verify}: checks the hash chain of the audit log that the configuration points at, reading
 * the files only (safe beside a running node), and names the first bad record. Exit 0 when sound, 1 when not.
 */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Checks the audit log's hash chain: any changed, removed, inserted or reordered record is found and the"
                    + " first one named. Reads the files only, so it may run beside a node.",
            "Exit status: 0 sound, 1 not sound or unreadable, 2 bad arguments or configuration."
        })
final class AuditVerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    private final AegisCommand.CliContext context;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "${env:AEGIS_CONFIG}",
            description = "The node's YAML configuration; audit.dir, audit.environment and server.data_dir say"
                    + " where the log is (default: the AEGIS_CONFIG environment variable, else the built-in defaults).")
    private Optional<Path> config = Optional.empty();

    @Option(names = "--from", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Only records at or after this instant, ISO-8601 (e.g. 2026-11-23T00:00:00Z).")
    private Optional<Instant> from = Optional.empty();

    @Option(names = "--to", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Only records before this instant, ISO-8601.")
    private Optional<Instant> to = Optional.empty();

    AuditVerifyCommand(AegisCommand.CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--to must be after --from");
        }
        AegisConfig loaded = ConfigLoader.load(config, context.environment());
        AuditVerification verification = AuditLogs.verifyFiles(loaded, new AuditRange(from, to));
        PrintWriter out = spec.commandLine().getOut();
        if (verification.ok()) {
            out.println("ok: " + verification.records() + " records, chain sound");
            out.flush();
            return 0;
        }
        AuditVerification.BadRecord bad = verification.firstBad().orElseThrow();
        out.println("NOT OK: " + verification.records() + " records sound, then " + bad.location() + " (sequence "
                + bad.sequence() + "): " + bad.reason());
        out.flush();
        return AegisCommand.FAILURE;
    }

    /** Reads an ISO-8601 instant. */
    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            return Instant.parse(value);
        }
    }
}
