package dev.aegis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private final JsonNode document = read();

    @Test
    void describesExactlyTheRoutesTheServerRegisters() {
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) {
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        Set<String> registered = Arrays.stream(Route.values())
                .map(route -> route.method().text() + " " + route.path())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(documented).isEqualTo(registered);
    }

    @Test
    void isOpenApi31AndEveryReferenceResolves() {
        List<String> references = new ArrayList<>();
        collectReferences(document, references);

        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(references).isNotEmpty().allSatisfy(reference -> assertThat(
                document.at(JsonPointer.compile(reference.substring(1))).isMissingNode())
                .as(reference).isFalse());
    }

    @Test
    void publicRoutesNeedNoKeyAndOthersDescribeTheirAuthProblems() {
        for (Route route : Route.values()) {
            JsonNode operation = document.get("paths").get(route.path()).get(route.method().text().toLowerCase(Locale.ROOT));
            if (route.access().authenticated()) {
                assertThat(operation.has("security")).as(route.name()).isFalse();
                assertThat(operation.get("responses").has("401")).as(route.name()).isTrue();
            } else {
                assertThat(operation.get("security")).as(route.name()).isEmpty();
            }
        }
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                if (entry.getKey().equals("$ref")) {
                    references.add(entry.getValue().asText());
                } else {
                    collectReferences(entry.getValue(), references);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectReferences(child, references));
        }
    }

    private static JsonNode read() {
        try (InputStream in = OpenApiDocumentTest.class.getClassLoader()
                .getResourceAsStream(OperationsEndpoints.OPENAPI_RESOURCE)) {
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
