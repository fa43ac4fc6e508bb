package dev.aegis.server.cli;

import dev.aegis.core.config.ConfigException;
import dev.aegis.core.config.DurationFormat;
import java.time.Duration;
import picocli.CommandLine;

/** Durations as the configuration writes them: {@code 30s}, {@code 500ms}, {@code 2m}, or ISO-8601. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return DurationFormat.parse(value);
        } catch (ConfigException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
