package dev.aegis.core.agent;

import dev.aegis.api.AegisException;
import dev.aegis.api.agent.AgentEnvironment;
import dev.aegis.api.state.AgentStateStore;
import dev.aegis.api.time.TimeSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The environment the runtime lends to providers: state store, clock, and the configuration's folder. */
public record RuntimeAgentEnvironment(AgentStateStore state, TimeSource time, Path configDirectory)
        implements AgentEnvironment {

    private static final String CLASSPATH = "classpath:";

    @Override
    public Path resolve(String location) {
        if (location.startsWith(CLASSPATH)) {
            return copyResource(location.substring(CLASSPATH.length()));
        }
        return configDirectory.resolve(location).normalize();
    }

    private static Path copyResource(String name) {
        URL url = RuntimeAgentEnvironment.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new AegisException("no resource '" + name + "' on the classpath");
        }
        try (InputStream in = url.openStream()) {
            Path file = Files.createTempFile("aegis-", "-" + Path.of(name).getFileName());
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new AegisException("cannot read resource '" + name + "': " + e.getMessage(), e);
        }
    }
}
