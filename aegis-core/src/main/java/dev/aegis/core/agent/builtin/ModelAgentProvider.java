package dev.aegis.core.agent.builtin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.api.AegisException;
import dev.aegis.api.agent.Agent;
import dev.aegis.api.agent.AgentDefinition;
import dev.aegis.api.agent.AgentEnvironment;
import dev.aegis.api.agent.AgentProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code model}: a logistic-regression model read from a JSON file at start. Setting: {@code file} (required;
 * relative to the configuration's folder, or {@code classpath:models/login-risk.json} for the shipped model).
 */
public final class ModelAgentProvider implements AgentProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String type() {
        return "model";
    }

    @Override
    public Agent create(AgentDefinition definition, AgentEnvironment environment) {
        Settings settings = Settings.of(definition, "file");
        String file = settings.requiredText("file");
        return new ModelAgent(definition.name(), load(settings, file, resolve(settings, file, environment)));
    }

    private static Path resolve(Settings settings, String file, AgentEnvironment environment) {
        try {
            return environment.resolve(file);
        } catch (AegisException e) {
            throw settings.fail("file", "'" + file + "' cannot be found: " + e.getMessage(), e);
        }
    }

    private static LogisticModel load(Settings settings, String file, Path path) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw settings.fail("file",
                    "'" + file + "' is not a readable file (looked at " + path.toAbsolutePath() + ")");
        }
        try {
            return LogisticModel.parse(JSON.readTree(path.toFile()));
        } catch (IOException e) {
            throw settings.fail("file", "'" + file + "' cannot be read as JSON: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw settings.fail("file", "'" + file + "' is not a valid model: " + e.getMessage(), e);
        }
    }
}
