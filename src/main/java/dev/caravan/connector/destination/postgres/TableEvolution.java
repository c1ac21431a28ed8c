package dev.caravan.connector.destination.postgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates the destination table from the first records, adds columns for new fields and widens
 * columns whose values no longer fit, inside the caller's transaction.
 */
final class TableEvolution {
    static final String SYNCED_AT = "_caravan_synced_at";
    static final String DELETED_AT = "_caravan_deleted_at";
    private static final Logger LOGGER = LoggerFactory.getLogger(TableEvolution.class);

    private TableEvolution() {
    }

    /** The table's columns after making room for {@code needed}; reports whether an existing table changed. */
    record Outcome(Map<String, ColumnType> columns, boolean evolved) {
    }

    /**
     * @param known the table's columns as last seen by the caller (empty when unknown); when they
     *              already fit {@code needed} the catalog is not read again
     */
    static Outcome ensure(Connection connection, String table, List<String> keyColumns, Map<String, ColumnType> needed,
                          Map<String, ColumnType> known) throws SQLException {
        if (fits(known, needed)) {
            return new Outcome(known, false);
        }
        Map<String, ColumnType> existing = TableSchema.read(connection, table);
        if (fits(existing, needed)) {
            return new Outcome(existing, false);
        }
        // DDL such as CREATE SCHEMA IF NOT EXISTS races between concurrent syncs; one at a time,
        // and look again once we hold the lock (the other may have made the change already).
        try (Statement lock = connection.createStatement()) {
            lock.execute("SELECT pg_advisory_xact_lock(hashtext('caravan.table-evolution'))");
        }
        existing = TableSchema.read(connection, table);
        String qualified = Identifiers.qualifiedTable(table);
        try (Statement statement = connection.createStatement()) {
            if (existing.isEmpty()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(Identifiers.schemaOf(table)));
                statement.execute(createTable(qualified, keyColumns, needed));
                LOGGER.info("Created table {} with {} column(s)", table, needed.size());
                return new Outcome(TableSchema.read(connection, table), false);
            }
            List<String> changes = new ArrayList<>();
            for (Map.Entry<String, ColumnType> column : needed.entrySet()) {
                String name = Identifiers.quote(column.getKey());
                ColumnType current = existing.get(column.getKey());
                ColumnType wanted = ColumnType.widen(current, column.getValue());
                if (wanted == null) {
                    continue;
                }
                if (current == null) {
                    statement.execute("ALTER TABLE " + qualified + " ADD COLUMN IF NOT EXISTS " + name + " " + wanted.sql());
                    changes.add("added " + column.getKey() + " " + wanted.sql());
                } else if (wanted != current) {
                    statement.execute("ALTER TABLE " + qualified + " ALTER COLUMN " + name + " TYPE " + wanted.sql()
                            + " USING " + (wanted == ColumnType.JSONB ? "to_jsonb(" + name + ")" : name + "::" + wanted.sql()));
                    changes.add("widened " + column.getKey() + " " + current.sql() + " -> " + wanted.sql());
                }
            }
            if (!changes.isEmpty()) {
                LOGGER.info("Table {} evolved: {}", table, String.join(", ", changes));
                return new Outcome(TableSchema.read(connection, table), true);
            }
        }
        return new Outcome(existing, false);
    }

    static boolean fits(Map<String, ColumnType> existing, Map<String, ColumnType> needed) {
        if (existing.isEmpty()) {
            return false;
        }
        return needed.entrySet().stream().allMatch(e -> e.getValue() == null
                || (existing.containsKey(e.getKey()) && ColumnType.widen(existing.get(e.getKey()), e.getValue()) == existing.get(e.getKey())));
    }

    private static String createTable(String qualified, List<String> keyColumns, Map<String, ColumnType> needed) {
        Map<String, ColumnType> columns = new LinkedHashMap<>();
        keyColumns.forEach(k -> columns.put(k, needed.getOrDefault(k, ColumnType.TEXT)));
        needed.forEach((name, type) -> columns.putIfAbsent(name, type == null ? ColumnType.TEXT : type));
        List<String> definitions = new ArrayList<>();
        columns.forEach((name, type) -> definitions.add(Identifiers.quote(name) + " " + (type == null ? ColumnType.TEXT : type).sql()
                + (keyColumns.contains(name) ? " NOT NULL" : "")));
        definitions.add(Identifiers.quote(SYNCED_AT) + " timestamptz NOT NULL DEFAULT now()");
        definitions.add(Identifiers.quote(DELETED_AT) + " timestamptz");
        definitions.add("PRIMARY KEY (" + String.join(", ", keyColumns.stream().map(Identifiers::quote).toList()) + ")");
        return "CREATE TABLE IF NOT EXISTS " + qualified + " (" + String.join(", ", definitions) + ")";
    }
}
