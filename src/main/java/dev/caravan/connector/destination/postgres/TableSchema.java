package dev.caravan.connector.destination.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The columns of an existing destination table, read from the catalog. */
final class TableSchema {
    private TableSchema() {
    }

    /** Column name to type, in table order; empty when the table does not exist. */
    static Map<String, ColumnType> read(Connection connection, String table) throws SQLException {
        String sql = "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
                + "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
        Map<String, ColumnType> columns = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, Identifiers.schemaOf(table));
            ps.setString(2, Identifiers.nameOf(table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), ColumnType.fromSql(rs.getString(2)));
                }
            }
        }
        return columns;
    }
}
