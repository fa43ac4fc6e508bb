package dev.aegis.server.config;

import dev.aegis.core.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the configuration: the built-in {@code aegis-defaults.yaml}, then the given file merged over it key by
 * key (maps merge, lists and values replace, {@code null} removes a key), then {@code AEGIS_*} environment
 * overrides of existing keys, then binding. Unknown keys, bad values and unknown override names stop start-up
 * with a {@link ConfigException} that names the file and line (or the variable) and the key.
 */
public final class ConfigLoader {

    /** The built-in defaults on the classpath. */
    public static final String DEFAULTS = "aegis-defaults.yaml";

    private ConfigLoader() {}

    public static AegisConfig load(Optional<Path> file, Map<String, String> environment) {
        ConfigTree tree = ConfigTree.parse(defaults(), DEFAULTS + " (built-in)");
        file.ifPresent(path -> tree.merge(ConfigTree.parse(read(path), path.toString())));
        EnvironmentOverrides.apply(tree, environment);
        Path directory = file.map(path -> path.toAbsolutePath().getParent()).orElse(Path.of("").toAbsolutePath());
        Optional<String> bootstrap = Optional.ofNullable(environment.get(AuthConfig.BOOTSTRAP_KEY_VARIABLE))
                .map(String::strip)
                .filter(key -> !key.isEmpty());
        return ConfigBinder.bind(tree, bootstrap, directory);
    }

    private static String defaults() {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new ConfigException("the built-in " + DEFAULTS + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read the built-in " + DEFAULTS + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e, e);
        }
    }
}
