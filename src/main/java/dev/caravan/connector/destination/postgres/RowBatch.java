package dev.caravan.connector.destination.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of records made ready for the table: field names normalised to columns, the type each
 * column needs, one row per primary key (the last one wins), and rows flagged deleted set apart.
 */
final class RowBatch {
    private final Map<String, ColumnType> types = new LinkedHashMap<>();
    private final Map<String, ObjectNode> liveByKey = new LinkedHashMap<>();
    private final Map<String, ObjectNode> deletedByKey = new LinkedHashMap<>();
    private final List<String> keyColumns;

    private RowBatch(List<String> keyColumns) {
        this.keyColumns = keyColumns;
    }

    /**
     * @param deleteFlagField a field whose true value marks a deleted record, or null
     * @throws DestinationException for a record that is not an object, lacks its key, or has colliding names
     */
    static RowBatch of(List<JsonNode> records, List<String> primaryKey, String deleteFlagField) {
        RowBatch batch = new RowBatch(primaryKey.stream().map(Identifiers::column).toList());
        for (int i = 0; i < records.size(); i++) {
            batch.add(i, records.get(i), primaryKey, deleteFlagField);
        }
        return batch;
    }

    private void add(int index, JsonNode record, List<String> primaryKey, String deleteFlagField) {
        if (!record.isObject()) {
            throw new DestinationException("record " + (index + 1) + " of the page is " + record.getNodeType().toString().toLowerCase()
                    + ", not an object");
        }
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        Map<String, String> fieldByColumn = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String column = Identifiers.column(field.getKey());
            if (column.startsWith(Identifiers.SYSTEM_PREFIX)) {
                throw new DestinationException("field '" + field.getKey() + "' collides with Caravan's own column prefix " + Identifiers.SYSTEM_PREFIX);
            }
            String other = fieldByColumn.putIfAbsent(column, field.getKey());
            if (other != null) {
                throw new DestinationException("fields '" + other + "' and '" + field.getKey() + "' both map to column '" + column
                        + "' (names are lower-cased and non-alphanumerics become _)");
            }
            row.set(column, field.getValue());
            types.put(column, ColumnType.widen(types.get(column), ColumnType.of(field.getValue())));
        }
        ArrayNode key = JsonNodeFactory.instance.arrayNode();
        for (String field : primaryKey) {
            JsonNode value = record.get(field);
            if (value == null || value.isNull()) {
                throw new DestinationException("record " + (index + 1) + " of the page has no value for primary key field '" + field + "'");
            }
            key.add(value);
        }
        boolean deleted = deleteFlagField != null && record.path(deleteFlagField).asBoolean(false);
        (deleted ? deletedByKey : liveByKey).put(key.toString(), row);
        (deleted ? liveByKey : deletedByKey).remove(key.toString());
    }

    Map<String, ColumnType> types() {
        return types;
    }

    List<String> keyColumns() {
        return keyColumns;
    }

    List<ObjectNode> live() {
        return new ArrayList<>(liveByKey.values());
    }

    List<ObjectNode> deleted() {
        return new ArrayList<>(deletedByKey.values());
    }
}
