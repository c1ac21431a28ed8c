package dev.caravan.connector.destination.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * Rows as CSV for {@code COPY … FROM STDIN (FORMAT csv)}: JSON null and missing fields are the
 * unquoted empty field (SQL NULL), every other value is quoted, so an empty string stays an empty
 * string. jsonb columns get the value's JSON text; others get the value as text.
 */
final class CsvRows {
    private CsvRows() {
    }

    static String of(List<ObjectNode> rows, List<String> columns, Map<String, ColumnType> types) {
        StringBuilder out = new StringBuilder(rows.size() * columns.size() * 16);
        for (ObjectNode row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                JsonNode value = row.get(columns.get(i));
                if (value != null && !value.isNull()) {
                    quote(out, types.get(columns.get(i)) == ColumnType.JSONB || value.isContainerNode() ? value.toString() : value.asText());
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void quote(StringBuilder out, String text) {
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
