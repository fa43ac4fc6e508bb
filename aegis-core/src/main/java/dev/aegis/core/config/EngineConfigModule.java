package dev.aegis.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.deser.std.StdDelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.StdConverter;
import dev.aegis.core.autoscale.MetricTarget;
import dev.aegis.core.autoscale.ScalingPolicy;
import dev.aegis.core.autoscale.ScalingRules;
import dev.aegis.core.router.Decision;
import java.io.IOException;
import java.io.Serial;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/**
 * Teaches a Jackson {@code ObjectMapper} the engine's configuration: snake_case keys, durations such as
 * {@code 50ms} or {@code PT0.05S}, enums in any case, the defaults for absent keys, and CEL expressions that
 * remember their file and line. Read with the file name set, so that policy errors can name it:
 *
 * <pre>{@code
 * ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).registerModule(new EngineConfigModule());
 * EngineConfig config = yaml.readerFor(EngineConfig.class)
 *         .withAttribute(SourceText.FILE_ATTRIBUTE, "aegis.yaml")
 *         .readValue(file);
 * }</pre>
 *
 * Read from a stream or a file, not from a tree: a tree keeps no line numbers.
 */
public final class EngineConfigModule extends SimpleModule {

    @Serial
    private static final long serialVersionUID = 1L;

    public EngineConfigModule() {
        super("aegis-engine-config");
        addDeserializer(Duration.class, new DurationDeserializer());
        addDeserializer(SourceText.class, new SourceTextDeserializer());
        addDeserializer(PipelineConfig.Member.class, new MemberDeserializer());
        addDeserializer(Decision.class, new AnyCaseEnumDeserializer<>(Decision.class));
        addDeserializer(MetricTarget.Type.class, new AnyCaseEnumDeserializer<>(MetricTarget.Type.class));
        addDeserializer(ScalingPolicy.Type.class, new AnyCaseEnumDeserializer<>(ScalingPolicy.Type.class));
        addDeserializer(ScalingRules.SelectPolicy.class,
                new AnyCaseEnumDeserializer<>(ScalingRules.SelectPolicy.class));
        addDeserializer(PipelineConfig.FailureMode.class,
                new AnyCaseEnumDeserializer<>(PipelineConfig.FailureMode.class));
        bind(EngineConfig.class, YamlShapes.Engine.class, YamlShapes.Engine::toConfig);
        bind(AgentConfig.class, YamlShapes.Agent.class, YamlShapes.Agent::toConfig);
        bind(AgentConfig.CircuitConfig.class, YamlShapes.Circuit.class, YamlShapes.Circuit::toConfig);
        bind(AgentConfig.RetryConfig.class, YamlShapes.Retry.class, YamlShapes.Retry::toConfig);
        bind(PipelineConfig.class, YamlShapes.Pipeline.class, YamlShapes.Pipeline::toConfig);
        bind(PolicyConfig.class, YamlShapes.Policy.class, YamlShapes.Policy::toConfig);
        bind(PolicyConfig.Rule.class, YamlShapes.Rule.class, YamlShapes.Rule::toConfig);
    }

    private <S, T> void bind(Class<T> type, Class<S> shape, Function<S, T> convert) {
        addDeserializer(type, new StdDelegatingDeserializer<>(new ShapeConverter<>(shape, type, convert)));
    }

    /** Reads the written shape, then converts it to the configuration record. */
    private static final class ShapeConverter<S, T> extends StdConverter<S, T> {

        private final Class<S> shape;
        private final Class<T> type;
        private final Function<S, T> convert;

        ShapeConverter(Class<S> shape, Class<T> type, Function<S, T> convert) {
            this.shape = shape;
            this.type = type;
            this.convert = convert;
        }

        @Override
        public T convert(S value) {
            return convert.apply(value);
        }

        @Override
        public JavaType getInputType(TypeFactory typeFactory) {
            return typeFactory.constructType(shape);
        }

        @Override
        public JavaType getOutputType(TypeFactory typeFactory) {
            return typeFactory.constructType(type);
        }
    }

    private static final class DurationDeserializer extends StdDeserializer<Duration> {

        @Serial
        private static final long serialVersionUID = 1L;

        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Duration) context.handleWeirdStringValue(Duration.class, parser.getText(),
                        "a duration needs a unit, such as 50ms, 2s or PT0.05S");
            }
            String text = parser.getText();
            try {
                return DurationFormat.parse(text);
            } catch (ConfigException e) {
                return (Duration) context.handleWeirdStringValue(Duration.class, text, e.getMessage());
            }
        }
    }

    private static final class SourceTextDeserializer extends StdDeserializer<SourceText> {

        @Serial
        private static final long serialVersionUID = 1L;

        SourceTextDeserializer() {
            super(SourceText.class);
        }

        @Override
        public SourceText deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.currentToken().isScalarValue()) {
                return (SourceText) context.handleUnexpectedToken(SourceText.class, parser);
            }
            int line = Math.max(parser.currentTokenLocation().getLineNr(), 0);
            Object file = context.getAttribute(SourceText.FILE_ATTRIBUTE);
            return new SourceText(parser.getText(), file == null ? SourceText.UNKNOWN_FILE : file.toString(), line);
        }
    }

    /**
     * An enum constant in any case and with or without underscores: {@code block}, {@code Block} and {@code BLOCK}
     * are the same decision, {@code AverageValue} and {@code average_value} the same metric type.
     */
    private static final class AnyCaseEnumDeserializer<E extends Enum<E>> extends StdDeserializer<E> {

        @Serial
        private static final long serialVersionUID = 1L;

        private final Class<E> type;

        AnyCaseEnumDeserializer(Class<E> type) {
            super(type);
            this.type = type;
        }

        @Override
        public E deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            if (text != null) {
                for (E constant : type.getEnumConstants()) {
                    if (spelling(constant.name()).equals(spelling(text))) {
                        return constant;
                    }
                }
            }
            return type.cast(context.handleWeirdStringValue(type, String.valueOf(text),
                    "expected one of " + Arrays.toString(type.getEnumConstants()) + " in any case"));
        }

        /** Case and underscores aside, so that Kubernetes' {@code AverageValue} reads as {@code AVERAGE_VALUE}. */
        private static String spelling(String name) {
            return name.strip().replace("_", "").toLowerCase(Locale.ROOT);
        }
    }

    /** A pipeline member as an object ({@code {agent: geo, on_missing: closed}}) or just a name (fail-open). */
    private static final class MemberDeserializer extends StdDeserializer<PipelineConfig.Member> {

        @Serial
        private static final long serialVersionUID = 1L;

        MemberDeserializer() {
            super(PipelineConfig.Member.class);
        }

        @Override
        public PipelineConfig.Member deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                return PipelineConfig.Member.open(parser.getText());
            }
            return context.readValue(parser, YamlShapes.Member.class).toConfig();
        }
    }
}
