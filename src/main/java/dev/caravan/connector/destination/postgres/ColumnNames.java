package dev.caravan.connector.destination.postgres;

import java.util.HashMap;
import java.util.Map;

/**
 * Field-to-column names ({@link Identifiers#column}) remembered for one writer: every record of a
 * page repeats the same few field names, and normalising each occurrence costs more than a lookup.
 */
final class ColumnNames {
    private static final int LIMIT = 10_000;
    private final Map<String, String> byField = new HashMap<>();

    String of(String field) {
        String column = byField.get(field);
        if (column == null) {
            column = Identifiers.column(field);
            // Records whose field names are data (ids as keys) would grow this without end.
            if (byField.size() < LIMIT) {
                byField.put(field, column);
            }
        }
        return column;
    }
}
