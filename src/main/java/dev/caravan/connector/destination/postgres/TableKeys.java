package dev.caravan.connector.destination.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.model.TableDestination;
import dev.caravan.model.TableDestination.DeleteStyle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The key-level questions a key scan asks of one table, in the caller's transaction: which listed
 * keys have no live row, which live rows the API did not list, and removing rows only when they
 * were not written since a given moment. Keys are compared in PostgreSQL, typed as the table's key
 * columns, so an API's {@code "7"} and a bigint 7 are one key.
 */
public final class TableKeys {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SINCE = "_caravan_since";

    private final TableDestination destination;
    private final List<String> primaryKey;
    private final ColumnNames names = new ColumnNames();
    private Map<String, ColumnType> knownColumns = Map.of();

    public TableKeys(TableDestination destination, List<String> primaryKey) {
        this.destination = destination;
        this.primaryKey = List.copyOf(primaryKey);
    }

    /** One text per key, equal for equal keys whether read from a record or from the table: its values as text, in key order. */
    public static String canonical(JsonNode record, List<String> primaryKey) {
        ArrayNode values = NODES.arrayNode();
        primaryKey.forEach(field -> values.add(record.path(field).asText()));
        return values.toString();
    }

    public List<String> primaryKey() {
        return primaryKey;
    }

    public String canonical(JsonNode record) {
        return canonical(record, primaryKey);
    }

    /** The canonical keys among {@code records} that have no live row (none at all, or soft-deleted). */
    public Set<String> absent(Connection connection, List<JsonNode> records) throws SQLException {
        Map<String, ColumnType> tableColumns = columns(connection);
        if (records.isEmpty()) {
            return Set.of();
        }
        Set<String> absent = new HashSet<>();
        if (tableColumns.isEmpty()) {
            records.forEach(record -> absent.add(canonical(record)));
            return absent;
        }
        RowBatch batch = RowBatch.of(keysOf(records), 0, primaryKey, null, names);
        List<String> keyColumns = batch.keyColumns();
        String sql = "SELECT " + texts(keyColumns, "r.") + " FROM jsonb_to_recordset(?::jsonb) AS r(" + typed(keyColumns, tableColumns)
                + ") WHERE NOT EXISTS (SELECT 1 FROM " + Identifiers.qualifiedTable(destination.table()) + " AS t WHERE " + match(keyColumns, "r")
                + softDeletedFilter(" AND ") + ")";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, json(batch.live()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    absent.add(canonical(rs, keyColumns.size()));
                }
            }
        }
        return absent;
    }

    /**
     * Live rows whose key is not among {@code listed} and that were last written before
     * {@code writtenBefore}, by canonical key: the key (as primary-key fields, values as text) and
     * when the row was last written. An empty listing finds nothing: an API that suddenly lists no
     * records is more likely broken than emptied.
     */
    public Map<String, Missing> missing(Connection connection, List<JsonNode> listed, Instant writtenBefore) throws SQLException {
        Map<String, ColumnType> tableColumns = columns(connection);
        Map<String, Missing> missing = new LinkedHashMap<>();
        if (tableColumns.isEmpty() || listed.isEmpty()) {
            return missing;
        }
        RowBatch batch = RowBatch.of(listed, 0, primaryKey, null, names);
        List<String> keyColumns = batch.keyColumns();
        String stage = PostgresTableWriter.stage(connection, keyColumns, tableColumns, batch.live());
        String sql = "SELECT " + texts(keyColumns, "t.") + ", t." + Identifiers.quote(TableEvolution.SYNCED_AT) + " FROM "
                + Identifiers.qualifiedTable(destination.table()) + " AS t WHERE NOT EXISTS (SELECT 1 FROM " + stage + " s WHERE " + match(keyColumns, "s")
                + ") AND t." + Identifiers.quote(TableEvolution.SYNCED_AT) + " < ?" + softDeletedFilter(" AND ");
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(writtenBefore));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode key = NODES.objectNode();
                    for (int i = 0; i < primaryKey.size(); i++) {
                        key.put(primaryKey.get(i), rs.getString(i + 1));
                    }
                    missing.put(canonical(key), new Missing(key, rs.getTimestamp(keyColumns.size() + 1).toInstant()));
                }
            }
        }
        return missing;
    }

    /** A live row the API did not list: its key, and when Caravan last wrote it. */
    public record Missing(ObjectNode key, Instant writtenAt) {
    }

    /** Rows in the table that are live (not soft-deleted). */
    public long liveRows(Connection connection) throws SQLException {
        if (columns(connection).isEmpty()) {
            return 0;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + Identifiers.qualifiedTable(destination.table()) + " AS t"
                     + softDeletedFilter(" WHERE "))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Removes (or soft-deletes) the rows with these keys that were not written at or after the
     * instant each key maps to: a row written since its absence was first seen is live after all.
     */
    public long removeUnwrittenSince(Connection connection, Map<ObjectNode, Instant> keys) throws SQLException {
        Map<String, ColumnType> tableColumns = columns(connection);
        if (tableColumns.isEmpty() || keys.isEmpty()) {
            return 0;
        }
        RowBatch batch = RowBatch.of(new ArrayList<>(keys.keySet()), 0, primaryKey, null, names);
        List<ObjectNode> rows = batch.live();
        List<ObjectNode> keyed = new ArrayList<>(keys.keySet());
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i).put(SINCE, keys.get(keyed.get(i)).toString());
        }
        return remove(connection, destination, tableColumns, batch.keyColumns(), rows, true);
    }

    /**
     * Removes (or soft-deletes, per {@code onDelete}) the rows whose keys are in {@code rows}; with
     * {@code unwrittenSince}, only those whose {@code _caravan_synced_at} is before the row's {@code _caravan_since}.
     */
    static long remove(Connection connection, TableDestination destination, Map<String, ColumnType> tableColumns, List<String> keys,
                       List<ObjectNode> rows, boolean unwrittenSince) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        String keyTypes = typed(keys, tableColumns) + (unwrittenSince ? ", " + Identifiers.quote(SINCE) + " timestamptz" : "");
        String match = match(keys, "r") + (unwrittenSince ? " AND t." + Identifiers.quote(TableEvolution.SYNCED_AT) + " < r." + Identifiers.quote(SINCE) : "");
        String table = Identifiers.qualifiedTable(destination.table());
        String deletedAt = Identifiers.quote(TableEvolution.DELETED_AT);
        String sql = destination.onDelete() == DeleteStyle.SOFT
                ? "UPDATE " + table + " AS t SET " + deletedAt + " = now() FROM jsonb_to_recordset(?::jsonb) AS r(" + keyTypes + ") WHERE "
                    + match + " AND t." + deletedAt + " IS NULL"
                : "DELETE FROM " + table + " AS t USING jsonb_to_recordset(?::jsonb) AS r(" + keyTypes + ") WHERE " + match;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, json(rows));
            return ps.executeUpdate();
        }
    }

    /**
     * The table's columns, read once it exists: a scan asks per page, and the key columns it
     * compares never change within a run.
     */
    private Map<String, ColumnType> columns(Connection connection) throws SQLException {
        if (knownColumns.isEmpty()) {
            knownColumns = TableSchema.read(connection, destination.table());
        }
        return knownColumns;
    }

    /** The record's primary-key fields alone. */
    public ObjectNode keyOf(JsonNode record) {
        ObjectNode key = NODES.objectNode();
        primaryKey.forEach(field -> key.set(field, record.get(field)));
        return key;
    }

    private List<JsonNode> keysOf(List<JsonNode> records) {
        List<JsonNode> keys = new ArrayList<>(records.size());
        records.forEach(record -> keys.add(keyOf(record)));
        return keys;
    }

    private String softDeletedFilter(String joiner) {
        return destination.onDelete() == DeleteStyle.SOFT ? joiner + "t." + Identifiers.quote(TableEvolution.DELETED_AT) + " IS NULL" : "";
    }

    private static String canonical(ResultSet rs, int columns) throws SQLException {
        ArrayNode values = NODES.arrayNode();
        for (int i = 1; i <= columns; i++) {
            values.add(rs.getString(i));
        }
        return values.toString();
    }

    private static String texts(List<String> keys, String prefix) {
        return keys.stream().map(k -> prefix + Identifiers.quote(k) + "::text").collect(Collectors.joining(", "));
    }

    private static String typed(List<String> keys, Map<String, ColumnType> tableColumns) {
        return keys.stream().map(k -> Identifiers.quote(k) + " " + tableColumns.getOrDefault(k, ColumnType.TEXT).sql()).collect(Collectors.joining(", "));
    }

    private static String match(List<String> keys, String other) {
        return keys.stream().map(k -> other + "." + Identifiers.quote(k) + " = t." + Identifiers.quote(k)).collect(Collectors.joining(" AND "));
    }

    private static String json(List<ObjectNode> rows) {
        return NODES.arrayNode().addAll(rows).toString();
    }
}
