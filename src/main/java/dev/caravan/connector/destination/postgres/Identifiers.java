package dev.caravan.connector.destination.postgres;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * SQL identifiers from configuration and API payloads. They are always quoted, never spliced raw,
 * and field names are normalised to column names by one documented rule:
 * lower-case; every character outside {@code [a-z0-9_]} becomes {@code _}; a leading digit gets a
 * {@code _} prefix; at most 63 bytes (PostgreSQL's limit). Two fields that normalise to the same
 * column are an error, not a silent merge.
 */
public final class Identifiers {
    public static final String SYSTEM_PREFIX = "_caravan_";
    private static final int MAX_BYTES = 63;

    private Identifiers() {
    }

    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    public static String column(String field) {
        StringBuilder out = new StringBuilder();
        for (char c : field.toLowerCase(Locale.ROOT).toCharArray()) {
            out.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
        }
        if (out.length() == 0 || Character.isDigit(out.charAt(0))) {
            out.insert(0, '_');
        }
        String name = out.toString();
        while (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }

    /** {@code schema.table} or {@code table} (schema {@code public}), quoted for SQL. */
    public static String qualifiedTable(String table) {
        int dot = table.indexOf('.');
        return dot < 0 ? quote("public") + "." + quote(table) : quote(table.substring(0, dot)) + "." + quote(table.substring(dot + 1));
    }

    public static String schemaOf(String table) {
        int dot = table.indexOf('.');
        return dot < 0 ? "public" : table.substring(0, dot);
    }

    public static String nameOf(String table) {
        return table.substring(table.indexOf('.') + 1);
    }
}
