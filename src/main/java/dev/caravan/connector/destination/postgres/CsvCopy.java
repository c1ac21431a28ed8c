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
 * Rows streamed as CSV into one {@code COPY … FROM STDIN (FORMAT csv)}: JSON null and missing
 * fields are the unquoted empty field (SQL NULL); an empty string, and text holding a comma, quote
 * or line break, is quoted, so an empty string stays an empty string. jsonb columns get the
 * value's JSON text; others get the value as text.
 *
 * <p>Rows go out in chunks while later ones are still being formatted, so PostgreSQL parses and
 * inserts on its own core while this one formats.
 */
final class CsvCopy implements AutoCloseable {
    private static final int CHUNK_CHARS = 64 * 1024;

    private final CopyIn copy;
    private final List<String> columns;
    private final Map<String, ColumnType> types;
    private final StringBuilder out = new StringBuilder(CHUNK_CHARS + 4096);
    private byte[] bytes = new byte[CHUNK_CHARS + 4096];

    private CsvCopy(CopyIn copy, List<String> columns, Map<String, ColumnType> types) {
        this.copy = copy;
        this.columns = columns;
        this.types = types;
    }

    /** @param copySql the COPY statement, naming {@code columns} in order */
    static CsvCopy open(Connection connection, String copySql, List<String> columns, Map<String, ColumnType> types) throws SQLException {
        return new CsvCopy(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql), columns, types);
    }

    /** Formats and sends {@code rows}: none wait in a buffer for later ones, so PostgreSQL is never idle for lack of them. */
    void write(List<ObjectNode> rows) throws SQLException {
        for (ObjectNode row : rows) {
            appendRow(row);
            out.append('\n');
            if (out.length() >= CHUNK_CHARS) {
                send();
            }
        }
        send();
    }

    /** Ends the COPY; returns the rows copied. */
    long end() throws SQLException {
        send();
        return copy.endCopy();
    }

    /** Abandons the COPY if it is still open: nothing of it is kept. */
    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    private void appendRow(ObjectNode row) {
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

    private void send() throws SQLException {
        if (out.isEmpty()) {
            return;
        }
        int length = asciiBytes();
        if (length < 0) {
            byte[] utf8 = out.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(utf8, 0, utf8.length);
        } else {
            copy.writeToCopy(bytes, 0, length);
        }
        out.setLength(0);
    }

    /** Copies the buffer into {@link #bytes} when it is all ASCII (most API data): -1 otherwise, for the UTF-8 encoder. */
    private int asciiBytes() {
        int length = out.length();
        if (bytes.length < length) {
            bytes = new byte[length];
        }
        for (int i = 0; i < length; i++) {
            char c = out.charAt(i);
            if (c >= 0x80) {
                return -1;
            }
            bytes[i] = (byte) c;
        }
        return length;
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
