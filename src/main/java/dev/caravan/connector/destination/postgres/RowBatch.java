package dev.caravan.connector.destination.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterators;
import java.util.stream.StreamSupport;

/**
 * One page of records made ready for the table: field names normalised to columns, the type each
 * column needs, one row per primary key (the last one wins), and rows flagged deleted set apart.
 */
final class RowBatch {
    private final Map<String, ColumnType> types = new LinkedHashMap<>();
    private final Map<Object, ObjectNode> liveByKey = new LinkedHashMap<>();
    private final Map<Object, ObjectNode> deletedByKey = new LinkedHashMap<>();
    private final List<String> keyColumns;
    private final ColumnNames names;

    private RowBatch(List<String> keyColumns, ColumnNames names) {
        this.keyColumns = keyColumns;
        this.names = names;
    }

    /**
     * @param firstIndex      the position of the first record in its page (from 0), for messages
     * @param deleteFlagField a field whose true value marks a deleted record, or null
     * @throws DestinationException for a record that is not an object, lacks its key, or has colliding names
     */
    static RowBatch of(List<JsonNode> records, int firstIndex, List<String> primaryKey, String deleteFlagField, ColumnNames names) {
        RowBatch batch = new RowBatch(primaryKey.stream().map(names::of).toList(), names);
        for (int i = 0; i < records.size(); i++) {
            batch.add(firstIndex + i, records.get(i), primaryKey, deleteFlagField);
        }
        return batch;
    }

    private void add(int index, JsonNode record, List<String> primaryKey, String deleteFlagField) {
        if (!record.isObject()) {
            throw new DestinationException("record " + (index + 1) + " of the page is " + record.getNodeType().toString().toLowerCase()
                    + ", not an object");
        }
        Object key = key(index, record, primaryKey);
        boolean deleted = deleteFlagField != null && record.path(deleteFlagField).asBoolean(false);
        // a deleted row only needs its key: its other fields must not add or widen columns
        ObjectNode row = row((ObjectNode) record, !deleted);
        (deleted ? deletedByKey : liveByKey).put(key, row);
        (deleted ? liveByKey : deletedByKey).remove(key);
    }

    /** The record with its fields named as columns; the record itself when every name is already a column name. */
    private ObjectNode row(ObjectNode record, boolean typed) {
        ObjectNode renamed = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String column = names.of(field.getKey());
            if (column.startsWith(Identifiers.SYSTEM_PREFIX)) {
                throw new DestinationException("field '" + field.getKey() + "' collides with Caravan's own column prefix " + Identifiers.SYSTEM_PREFIX);
            }
            if (renamed == null && !column.equals(field.getKey())) {
                renamed = copyBefore(record, field.getKey());
            }
            // Field names within a record are unique, so two can only meet on a column once one was renamed.
            if (renamed != null && renamed.replace(column, field.getValue()) != null) {
                throw collision(record, column, field.getKey());
            }
            ColumnType seen = types.get(column);
            if (typed && seen != ColumnType.JSONB && !(seen == ColumnType.TEXT && field.getValue().isTextual())) {
                types.put(column, ColumnType.widen(seen, ColumnType.of(field.getValue())));
            }
        }
        return renamed == null ? record : renamed;
    }

    private DestinationException collision(ObjectNode record, String column, String field) {
        String other = StreamSupport.stream(Spliterators.spliteratorUnknownSize(record.fieldNames(), 0), false)
                .filter(name -> !name.equals(field) && names.of(name).equals(column)).findFirst().orElse(column);
        return new DestinationException("fields '" + other + "' and '" + field + "' both map to column '" + column
                + "' (names are lower-cased and non-alphanumerics become _)");
    }

    /** A new row with the record's fields that come before {@code stop} (their names are already column names). */
    private static ObjectNode copyBefore(ObjectNode record, String stop) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(stop)) {
                break;
            }
            copy.set(field.getKey(), field.getValue());
        }
        return copy;
    }

    /** The key value (one field) or list of values (composite); JSON nodes compare by value. */
    private static Object key(int index, JsonNode record, List<String> primaryKey) {
        List<JsonNode> values = new ArrayList<>(primaryKey.size());
        for (String field : primaryKey) {
            JsonNode value = record.get(field);
            if (value == null || value.isNull()) {
                throw new DestinationException("record " + (index + 1) + " of the page has no value for primary key field '" + field + "'");
            }
            values.add(value);
        }
        return values.size() == 1 ? values.get(0) : values;
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
