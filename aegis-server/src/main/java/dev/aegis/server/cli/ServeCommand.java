package dev.aegis.server.cli;

import dev.aegis.server.AegisServer;
import dev.aegis.server.config.AegisConfig;
import dev.aegis.server.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aegis serve}: runs a node until SIGTERM or Ctrl-C, then stops gracefully. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Runs an Aegis node: the HTTP API over the configured agents and pipelines.",
            "Embedded defaults: port 8080, data in ./data. Every configuration key can also be set with an AEGIS_*"
                    + " environment variable (e.g. AEGIS_SERVER_PORT=9090). SIGTERM or Ctrl-C stops gracefully."
        })
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    private final AegisCommand.CliContext context;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "${env:AEGIS_CONFIG}",
            description = "YAML configuration, merged key by key over the built-in defaults "
                    + "(default: the AEGIS_CONFIG environment variable, else none).")
    private Optional<Path> config = Optional.empty();

    ServeCommand(AegisCommand.CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        AegisConfig loaded = ConfigLoader.load(config, context.environment());
        AegisServer server = AegisServer.start(loaded).stopOnShutdown();
        LOG.info("aegis {} serving on port {} (configuration: {})", AegisVersion.version(), server.port(),
                config.map(Path::toString).orElse("built-in defaults"));
        context.started().accept(server);
        server.awaitStop();
        return 0;
    }
}
