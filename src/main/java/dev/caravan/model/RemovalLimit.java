package dev.caravan.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The most rows one removal may take before an operator must approve it: a row count, or a share
 * of the rows there are (the table, or an activation's snapshot). The default, 10%, has a floor of
 * 1,000 rows so a small table's routine deletes are not held.
 */
public record RemovalLimit(Long rows, Double percent, long floor) {
    public static final RemovalLimit DEFAULT = new RemovalLimit(null, 10.0, 1000);

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RemovalLimit parse(Object value) {
        String text = String.valueOf(value).trim();
        if (text.endsWith("%")) {
            return new RemovalLimit(null, Double.parseDouble(text.substring(0, text.length() - 1).trim()), 0);
        }
        return new RemovalLimit(Long.parseLong(text), null, 0);
    }

    /** The most rows that may go at once out of {@code existing}. */
    public long of(long existing) {
        return rows != null ? rows : Math.max(floor, (long) Math.floor(existing * percent / 100.0));
    }

    @JsonValue
    @Override
    public String toString() {
        String limit = rows != null ? Long.toString(rows) : (percent == Math.rint(percent) ? Long.toString(percent.longValue()) : percent.toString()) + "%";
        return floor > 0 ? limit + " (at least " + floor + ")" : limit;
    }
}
