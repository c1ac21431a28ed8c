package dev.caravan.model;

/**
 * Many rows per request: their bodies go as an array at {@code records} ({@code $}: the bare array),
 * and the answer's per-row results, if the API gives them, are read at {@code results}, in row order.
 */
public record BatchSpec(int size, String records, String results, String errorField) {
    public BatchSpec {
        records = records == null ? "$" : records;
        errorField = errorField == null ? "error" : errorField;
    }
}
