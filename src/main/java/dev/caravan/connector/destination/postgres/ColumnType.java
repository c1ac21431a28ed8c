package dev.caravan.connector.destination.postgres;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.regex.Pattern;

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

    /** ISO-8601 date-time with an explicit offset: anything looser stays text. */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}(:?\\d{2})?)");

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

    /** Cheap checks first: most text is not a timestamp, and the regex is the costly part. */
    private static boolean looksLikeTimestamp(String text) {
        return text.length() >= 16 && text.length() <= 40 && text.charAt(4) == '-' && text.charAt(7) == '-'
                && Character.isDigit(text.charAt(0)) && TIMESTAMP.matcher(text).matches();
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
