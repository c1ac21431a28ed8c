package dev.caravan.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo CRM's write side, for the quickstart's activation: account segments upserted in
 * batches ({@code {"segments": [{id, name, tier}]}}, one result per segment) and deleted one by
 * one. A segment without an id, or with a tier other than hot, warm or cold, is refused with
 * its own error, as real batch APIs do.
 */
final class DemoSegments {
    private static final Set<String> TIERS = Set.of("hot", "warm", "cold");
    private final Map<String, JsonNode> segments = new ConcurrentHashMap<>();

    /** Upserts each valid segment; returns {@code {"results": [...]}}, one entry per segment, in order. */
    ObjectNode upsert(JsonNode body) {
        ArrayNode results = JsonNodeFactory.instance.arrayNode();
        for (JsonNode segment : body.path("segments")) {
            ObjectNode result = results.addObject();
            String id = segment.path("id").asText("");
            if (id.isEmpty()) {
                result.put("error", "id is required");
            } else if (!TIERS.contains(segment.path("tier").asText())) {
                result.put("error", "tier must be hot, warm or cold; got " + segment.path("tier"));
            } else {
                segments.put(id, segment);
                result.put("id", id);
            }
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.set("results", results);
        return answer;
    }

    boolean delete(String id) {
        return segments.remove(id) != null;
    }
}
