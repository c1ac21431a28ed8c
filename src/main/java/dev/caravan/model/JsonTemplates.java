package dev.caravan.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.Function;

/** JSON templates from the configuration: a copy of a tree with every string rewritten, the rest kept. */
public final class JsonTemplates {
    private JsonTemplates() {
    }

    public static JsonNode mapStrings(JsonNode node, Function<String, JsonNode> rewrite) {
        if (node.isTextual()) {
            return rewrite.apply(node.textValue());
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> out.set(field.getKey(), mapStrings(field.getValue(), rewrite)));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> out.add(mapStrings(element, rewrite)));
            return out;
        }
        return node;
    }
}
