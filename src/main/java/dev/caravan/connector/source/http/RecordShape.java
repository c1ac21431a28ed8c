package dev.caravan.connector.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.connector.http.JsonPaths;
import dev.caravan.model.IncrementalSpec.DeletedWhenSpec;

import java.util.Iterator;
import java.util.Map;

/**
 * Turns an item as the API lists it into the record written to the table: the record inside the
 * item ({@code recordPath}, an event's object), with the fields of the {@code flatten} member lifted
 * to the top, and marked deleted ({@code deletedField} set to true) when the item says so.
 *
 * @param recordPath  JSONPath to the record within the item, or null for the item itself
 * @param flatten     member whose fields become the record's own, or null
 * @param deletedField field that marks a deleted record, or null
 * @param deletedWhen item field and values that stand for a deletion, or null
 */
public record RecordShape(String recordPath, String flatten, String deletedField, DeletedWhenSpec deletedWhen) {
    public static final RecordShape AS_LISTED = new RecordShape(null, null, null, null);

    /** Whether records are written as the API lists them, so plain sources pay nothing. */
    public boolean asListed() {
        return recordPath == null && flatten == null && deletedWhen == null;
    }

    public JsonNode apply(JsonNode item) {
        if (asListed()) {
            return item;
        }
        JsonNode record = recordPath == null ? item : JsonPaths.read(item, recordPath);
        if (!record.isObject()) {
            throw new SourceException(true, "an item has no object at " + recordPath + " (found "
                    + (record.isMissingNode() ? "nothing" : record.getNodeType().toString().toLowerCase()) + ")");
        }
        ObjectNode shaped = flattened((ObjectNode) record);
        if (deletedWhen != null && deletedWhen.values().contains(item.path(deletedWhen.field()).asText(null))) {
            shaped.put(deletedField, true);
        }
        return shaped;
    }

    private ObjectNode flattened(ObjectNode record) {
        ObjectNode out = record.objectNode();
        JsonNode nested = flatten == null ? null : record.get(flatten);
        for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (nested == null || !field.getKey().equals(flatten) || !nested.isObject()) {
                out.set(field.getKey(), field.getValue());
            }
        }
        if (nested != null && nested.isObject()) {
            nested.fields().forEachRemaining(field -> {
                if (!out.has(field.getKey())) {
                    out.set(field.getKey(), field.getValue());
                }
            });
        }
        return out;
    }
}
