package dev.caravan.model;

/**
 * A lookup of one record by key ({@code path} with {@code {field}} placeholders): 404 or 410 confirms
 * that the record is gone; a record found is live. {@code record} is where it sits in the answer.
 */
public record VerifySpec(String path, String record) {
    public VerifySpec {
        record = record == null ? "$" : record;
    }
}
