package dev.caravan.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * Incremental reads. Each poll asks for the records whose {@code cursorField} is at or above the
 * highest value seen, minus {@code lookback}: in query parameter {@code param}, or wherever
 * {@code {cursor}} appears in {@code params} or {@code body}. A poll may read another endpoint than
 * the backfill ({@code path}, {@code body} for a POST search, {@code records}, {@code pagination}),
 * for example an event feed whose items hold the changed record at {@code record}.
 */
public record IncrementalSpec(
        String cursorField,
        String param,
        Map<String, String> params,
        DurationSpec lookback,
        CursorFormat format,
        String path,
        JsonNode body,
        String records,
        PaginationSpec pagination,
        String record,
        ChangeOrder order,
        DeletedWhenSpec deletedWhen,
        Integer windowLimit) {

    public static final String CURSOR_PLACEHOLDER = "{cursor}";

    public IncrementalSpec {
        params = params == null ? Map.of() : Map.copyOf(params);
        lookback = lookback == null ? DurationSpec.parse("0s") : lookback;
        format = format == null ? CursorFormat.ISO8601 : format;
        order = order == null ? ChangeOrder.OLDEST_FIRST : order;
    }

    public enum CursorFormat {
        @JsonProperty("iso8601") ISO8601,
        @JsonProperty("epoch-s") EPOCH_SECONDS,
        @JsonProperty("epoch-ms") EPOCH_MILLIS
    }

    /** The order a poll's pages list changes in; newest-first feeds are applied oldest first. */
    public enum ChangeOrder {
        @JsonProperty("oldest-first") OLDEST_FIRST,
        @JsonProperty("newest-first") NEWEST_FIRST
    }

    /** An item whose {@code field} has one of {@code values} stands for a deleted record. */
    public record DeletedWhenSpec(String field, List<String> values) {
        public DeletedWhenSpec {
            values = List.copyOf(values);
        }
    }
}
