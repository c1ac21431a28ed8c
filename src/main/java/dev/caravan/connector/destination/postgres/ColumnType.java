package dev.caravan.connector.destination.postgres;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * Column types inferred from JSON values, and how they widen when values disagree: bigint widens
 * to numeric; objects and arrays make jsonb; any other disagreement makes text, which holds all.
 */
public enum ColumnType {
    BOOLEAN("boolean"),
    BIGINT("bigint"),
    NUMERIC("numeric"),
    TIMESTAMPTZ("timestamptz"),
    TEXT("text"),
    JSONB("jsonb");

    private final String sql;

    ColumnType(String sql) {
        this.sql = sql;
    }

    public String sql() {
        return sql;
    }

    /** The type a value calls for; null for JSON null (it says nothing about the type). */
    public static ColumnType of(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isBoolean()) {
            return BOOLEAN;
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? BIGINT : NUMERIC;
        }
        if (value.isNumber()) {
            return NUMERIC;
        }
        if (value.isTextual()) {
            return looksLikeTimestamp(value.asText()) ? TIMESTAMPTZ : TEXT;
        }
        return JSONB;
    }

    /**
     * ISO-8601 date-time with an explicit offset ({@code 2024-05-01T10:00[:00[.123456789]](Z|+02[[:]00])},
     * a space allowed for the T); anything looser stays text. Hand-written: it runs on every text
     * value of every record.
     */
    static boolean looksLikeTimestamp(String text) {
        int n = text.length();
        if (n < 17 || n > 40 || !digits(text, 0, 4) || text.charAt(4) != '-' || !digits(text, 5, 2) || text.charAt(7) != '-'
                || !digits(text, 8, 2) || (text.charAt(10) != 'T' && text.charAt(10) != ' ') || !digits(text, 11, 2)
                || text.charAt(13) != ':' || !digits(text, 14, 2)) {
            return false;
        }
        int i = 16;
        if (text.charAt(i) == ':') {
            if (!digits(text, i + 1, 2)) {
                return false;
            }
            i += 3;
            if (i < n && text.charAt(i) == '.') {
                int start = ++i;
                while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                    i++;
                }
                if (i == start || i - start > 9) {
                    return false;
                }
            }
        }
        return offset(text, i);
    }

    private static boolean offset(String text, int i) {
        int n = text.length();
        if (i == n - 1 && text.charAt(i) == 'Z') {
            return true;
        }
        if (i >= n || (text.charAt(i) != '+' && text.charAt(i) != '-') || !digits(text, i + 1, 2)) {
            return false;
        }
        int rest = n - (i + 3);
        return rest == 0 || (rest == 2 && digits(text, i + 3, 2)) || (rest == 3 && text.charAt(i + 3) == ':' && digits(text, i + 4, 2));
    }

    private static boolean digits(String text, int from, int count) {
        if (from + count > text.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The narrowest type that holds values of both {@code a} and {@code b} (either may be null). */
    public static ColumnType widen(ColumnType a, ColumnType b) {
        if (a == null || a == b) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if ((a == BIGINT && b == NUMERIC) || (a == NUMERIC && b == BIGINT)) {
            return NUMERIC;
        }
        if (a == JSONB || b == JSONB) {
            return JSONB;
        }
        return TEXT;
    }

    /** The type of an existing column, from PostgreSQL's {@code format_type} name. */
    public static ColumnType fromSql(String sqlType) {
        String type = sqlType.toLowerCase(Locale.ROOT);
        if (type.startsWith("timestamp")) {
            return TIMESTAMPTZ;
        }
        for (ColumnType t : values()) {
            if (t.sql.equals(type)) {
                return t;
            }
        }
        return switch (type) {
            case "integer", "smallint" -> BIGINT;
            case "double precision", "real" -> NUMERIC;
            case "json" -> JSONB;
            default -> TEXT;
        };
    }
}
