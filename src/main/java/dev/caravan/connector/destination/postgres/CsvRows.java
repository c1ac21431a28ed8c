package dev.caravan.connector.destination.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Rows streamed as CSV into {@code COPY … FROM STDIN (FORMAT csv)}: JSON null and missing fields
 * are the unquoted empty field (SQL NULL); an empty string, and text holding a comma, quote or line
 * break, is quoted, so an empty string stays an empty string. jsonb columns get the value's JSON
 * text; others get the value as text.
 *
 * <p>Rows go out in chunks while later ones are still being formatted, so PostgreSQL parses and
 * inserts on its own core while this one formats.
 */
final class CsvRows {
    private static final int CHUNK_CHARS = 64 * 1024;

    private CsvRows() {
    }

    /**
     * @param extra a constant value appended to every row (for a column beyond {@code columns}), or null
     * @return rows copied
     */
    static long copy(Connection connection, String copySql, List<ObjectNode> rows, List<String> columns, Map<String, ColumnType> types,
                     String extra) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            StringBuilder out = new StringBuilder(CHUNK_CHARS + 4096);
            for (ObjectNode row : rows) {
                appendRow(out, row, columns, types);
                if (extra != null) {
                    out.append(',');
                    quote(out, extra);
                }
                out.append('\n');
                if (out.length() >= CHUNK_CHARS) {
                    send(copy, out);
                }
            }
            send(copy, out);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void appendRow(StringBuilder out, ObjectNode row, List<String> columns, Map<String, ColumnType> types) {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String column = columns.get(i);
            JsonNode value = row.get(column);
            if (value == null || value.isNull()) {
                continue;
            }
            if (types.get(column) == ColumnType.JSONB || value.isContainerNode()) {
                quote(out, value.toString());
            } else if (value.isIntegralNumber() && value.canConvertToLong()) {
                out.append(value.longValue());
            } else if (value.isTextual()) {
                field(out, value.textValue());
            } else {
                field(out, value.asText());
            }
        }
    }

    private static void send(CopyIn copy, StringBuilder out) throws SQLException {
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        out.setLength(0);
    }

    /** Plain text goes as it is; empty text (else read as NULL) and text with CSV's special characters are quoted. */
    private static void field(StringBuilder out, String text) {
        if (text.isEmpty() || needsQuotes(text)) {
            quote(out, text);
        } else {
            out.append(text);
        }
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private static void quote(StringBuilder out, String text) {
        if (text.indexOf('"') < 0) {
            out.append('"').append(text).append('"');
            return;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }
}
