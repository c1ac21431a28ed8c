package dev.caravan.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Incremental reads: {@code param} carries an inclusive lower bound taken from the highest
 * {@code cursorField} seen, minus {@code lookback}.
 */
public record IncrementalSpec(
        String cursorField,
        String param,
        DurationSpec lookback,
        CursorFormat format) {

    public IncrementalSpec {
        lookback = lookback == null ? DurationSpec.parse("0s") : lookback;
        format = format == null ? CursorFormat.ISO8601 : format;
    }

    public enum CursorFormat {
        @JsonProperty("iso8601") ISO8601,
        @JsonProperty("epoch-s") EPOCH_SECONDS,
        @JsonProperty("epoch-ms") EPOCH_MILLIS
    }
}
