package dev.aegis.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.NullValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** JSON as CEL sees it: objects as maps, arrays as lists, integers as int, other numbers as double. */
final class CelValues {

    private CelValues() {}

    static Object of(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> object(node);
            case ARRAY -> array(node);
            case STRING -> node.textValue();
            case BOOLEAN -> node.booleanValue();
            case NUMBER -> number(node);
            case BINARY, POJO -> node.asText();
            case NULL, MISSING -> NullValue.NULL_VALUE;
        };
    }

    private static Object number(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        return node.doubleValue();
    }

    private static Map<String, Object> object(JsonNode node) {
        Map<String, Object> map = HashMap.newHashMap(node.size());
        node.properties().forEach(field -> map.put(field.getKey(), of(field.getValue())));
        return map;
    }

    private static List<Object> array(JsonNode node) {
        List<Object> list = new ArrayList<>(node.size());
        node.forEach(element -> list.add(of(element)));
        return list;
    }
}
