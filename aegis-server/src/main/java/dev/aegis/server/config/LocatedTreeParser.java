package dev.aegis.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TreeTraversingParser;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Walks a subtree of a {@link ConfigTree} and reports, as the location of each token, the file and line where
 * its value was written, so that deserializers that read locations (CEL expressions) see the real ones.
 */
final class LocatedTreeParser extends TreeTraversingParser {

    private final ConfigTree tree;
    private final String basePath;

    LocatedTreeParser(ConfigTree tree, String basePath, JsonNode node, ObjectCodec codec) {
        super(node, codec);
        this.tree = tree;
        this.basePath = basePath;
    }

    /** Where the current token's value was written. */
    Origin currentOrigin() {
        return tree.originOf(currentPath());
    }

    @Override
    public JsonLocation currentTokenLocation() {
        Origin origin = currentOrigin();
        return new JsonLocation(ContentReference.rawReference(origin.source()), -1L, -1L, origin.line(), 1);
    }

    @Override
    public JsonLocation currentLocation() {
        return currentTokenLocation();
    }

    @Override
    @Deprecated
    public JsonLocation getTokenLocation() {
        return currentTokenLocation();
    }

    @Override
    @Deprecated
    public JsonLocation getCurrentLocation() {
        return currentTokenLocation();
    }

    private String currentPath() {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext context = getParsingContext(); context != null; context = context.getParent()) {
            if (context.inObject() && context.getCurrentName() != null) {
                parts.push("." + context.getCurrentName());
            } else if (context.inArray() && context.getCurrentIndex() >= 0) {
                parts.push("[" + context.getCurrentIndex() + "]");
            }
        }
        String relative = String.join("", parts);
        if (basePath.isEmpty()) {
            return relative.startsWith(".") ? relative.substring(1) : relative;
        }
        return basePath + relative;
    }
}
