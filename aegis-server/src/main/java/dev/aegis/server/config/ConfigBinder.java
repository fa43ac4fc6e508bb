package dev.aegis.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.aegis.core.config.AgentConfig;
import dev.aegis.core.config.ConfigException;
import dev.aegis.core.config.EngineConfig;
import dev.aegis.core.config.EngineConfigModule;
import dev.aegis.core.config.PipelineConfig;
import dev.aegis.core.config.SourceText;
import dev.aegis.server.auth.ApiKey;
import java.io.IOException;
import java.io.Serial;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Binds a merged {@link ConfigTree} to {@link AegisConfig}; every error names the file (or variable) and key. */
final class ConfigBinder {

    private static final Set<String> SECTIONS = Set.of("server", "auth", "rate_limits", "state", "tasks", "audit", "index",
            "cluster", "agents", "pipelines");
    private static final Pattern ENGINE_SUBJECT = Pattern.compile("^(agent|pipeline) '([^']+)'");

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(new EngineConfigModule())
            .addModule(new Jdk8Module())
            .addModule(new SimpleModule("aegis-located-source")
                    .addDeserializer(SourceText.class, new LocatedSourceText()))
            .build();

    private final ConfigTree tree;

    private ConfigBinder(ConfigTree tree) {
        this.tree = tree;
    }

    static AegisConfig bind(ConfigTree tree, Optional<String> bootstrapKey, Path configDirectory) {
        return new ConfigBinder(tree).bind(bootstrapKey, configDirectory);
    }

    private AegisConfig bind(Optional<String> bootstrapKey, Path configDirectory) {
        requireKnownSections();
        return new AegisConfig(
                strict("server", ServerConfig.class),
                new AuthConfig(strict("auth", AuthSection.class).keys(), bootstrapKey),
                strict("rate_limits", RateLimitsConfig.class),
                strict("state", StateConfig.class),
                withOptionalKeys("tasks", TasksSection.class),
                strict("audit", AuditSection.class),
                strict("index", IndexSection.class),
                strict("cluster", ClusterSection.class),
                engine(),
                configDirectory,
                tree.fingerprint());
    }

    private void requireKnownSections() {
        tree.root().fieldNames().forEachRemaining(name -> {
            if (!SECTIONS.contains(name)) {
                throw new ConfigException(tree.originOf(name) + ": unknown key '" + name + "' (known keys: "
                        + String.join(", ", new TreeSet<>(SECTIONS)) + ")");
            }
        });
    }

    /** Binds a section of this module's own records: every key must be present and not null. */
    private <T> T strict(String section, Class<T> type) {
        ObjectReader reader = MAPPER.readerFor(type).with(
                DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);
        return read(reader, section, section(section));
    }

    /** Binds a section whose records have optional keys; a missing required key fails the record's own check. */
    private <T> T withOptionalKeys(String section, Class<T> type) {
        return read(MAPPER.readerFor(type), section, section(section));
    }

    private EngineConfig engine() {
        Map<String, AgentConfig> agents = entries("agents", AgentConfig.class);
        Map<String, PipelineConfig> pipelines = entries("pipelines", PipelineConfig.class);
        try {
            return new EngineConfig(agents, pipelines).validate();
        } catch (ConfigException e) {
            throw new ConfigException(whereEngineError(e.getMessage()) + ": " + e.getMessage(), e);
        }
    }

    /** Binds each entry of a map section on its own, so that errors and CEL locations name the entry. */
    private <T> Map<String, T> entries(String section, Class<T> type) {
        Map<String, T> entries = new LinkedHashMap<>();
        ObjectReader reader = MAPPER.readerFor(type);
        for (Map.Entry<String, JsonNode> entry : section(section).properties()) {
            entries.put(entry.getKey(), read(reader, ConfigTree.child(section, entry.getKey()), entry.getValue()));
        }
        return entries;
    }

    private JsonNode section(String name) {
        JsonNode node = tree.root().get(name);
        if (node == null) {
            throw new ConfigException("configuration: missing key '" + name + "'");
        }
        if (!node.isObject()) {
            throw new ConfigException(
                    tree.originOf(name) + ": " + name + " must be a map of keys, was " + node.getNodeType());
        }
        return node;
    }

    private <T> T read(ObjectReader reader, String path, JsonNode node) {
        try (JsonParser parser = new LocatedTreeParser(tree, path, node, MAPPER)) {
            return reader.withAttribute(SourceText.FILE_ATTRIBUTE, tree.originOf(path).source()).readValue(parser);
        } catch (JsonMappingException e) {
            throw error(path, e);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(tree.originOf(path) + ": " + path + ": " + e.getMessage(), e);
        }
    }

    private ConfigException error(String base, JsonMappingException e) {
        String path = base + pathOf(e.getPath());
        String problem = switch (e) {
            case UnrecognizedPropertyException unknown -> "unknown key '" + path + "' (known keys: "
                    + known(unknown) + ")";
            case ValueInstantiationException invalid -> {
                path = keyNamedBy(path, rootMessage(invalid));
                yield path + ": " + rootMessage(invalid);
            }
            default -> path + ": " + e.getOriginalMessage();
        };
        return new ConfigException(tree.originOf(path) + ": " + problem, e);
    }

    /** Record checks start their message with the key at fault ("port must be ..."): point at that key. */
    private String keyNamedBy(String path, String message) {
        String first = message.split(" ", 2)[0];
        String child = ConfigTree.child(path, first);
        return tree.has(child) ? child : path;
    }

    private String whereEngineError(String message) {
        Matcher matcher = ENGINE_SUBJECT.matcher(message);
        if (!matcher.find()) {
            return tree.originOf("pipelines").toString();
        }
        return tree.originOf(ConfigTree.child(matcher.group(1) + "s", matcher.group(2))).toString();
    }

    private static String known(UnrecognizedPropertyException unknown) {
        return String.join(", ", new TreeSet<>(unknown.getKnownPropertyIds().stream().map(String::valueOf).toList()));
    }

    private static String pathOf(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** {@code auth} as written: the stored keys only (the bootstrap key comes from the environment). */
    private record AuthSection(List<ApiKey> keys) {}

    /** CEL text with the file and line where it was written, also after merging files and overrides. */
    private static final class LocatedSourceText extends StdDeserializer<SourceText> {

        @Serial
        private static final long serialVersionUID = 1L;

        LocatedSourceText() {
            super(SourceText.class);
        }

        @Override
        public SourceText deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.currentToken().isScalarValue()) {
                return (SourceText) context.handleUnexpectedToken(SourceText.class, parser);
            }
            Origin origin = parser instanceof LocatedTreeParser located
                    ? located.currentOrigin()
                    : new Origin(SourceText.UNKNOWN_FILE, 0);
            return new SourceText(parser.getText(), origin.source(), origin.line());
        }
    }
}
