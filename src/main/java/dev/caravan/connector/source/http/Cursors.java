package dev.caravan.connector.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.model.IncrementalSpec;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Cursor values of an incremental source. Whatever the API's format (ISO-8601, epoch seconds,
 * epoch milliseconds), Caravan stores the cursor as an ISO-8601 instant and writes the request's
 * lower bound back in the API's format. The lower bound is inclusive: records that share the
 * cursor value of the last one seen are fetched again and absorbed by the upsert.
 */
public final class Cursors {
    private final IncrementalSpec spec;

    public Cursors(IncrementalSpec spec) {
        this.spec = spec;
    }

    /** The highest cursor among {@code records} and {@code current}; records without one are ignored. */
    public Instant max(Instant current, List<JsonNode> records) {
        Instant max = current;
        for (JsonNode record : records) {
            Instant value = of(record).orElse(null);
            if (value != null && (max == null || value.isAfter(max))) {
                max = value;
            }
        }
        return max;
    }

    Optional<Instant> of(JsonNode record) {
        JsonNode value = record.path(spec.cursorField());
        if (value.isNull() || value.isMissingNode()) {
            return Optional.empty();
        }
        try {
            return Optional.of(switch (spec.format()) {
                case EPOCH_SECONDS -> Instant.ofEpochSecond(value.asLong());
                case EPOCH_MILLIS -> Instant.ofEpochMilli(value.asLong());
                case ISO8601 -> parseIso(value.asText());
            });
        } catch (DateTimeParseException e) {
            throw new SourceException(true, "cursor field '" + spec.cursorField() + "' has '" + value.asText()
                    + "', which is not an ISO-8601 date-time");
        }
    }

    /** The request parameter value for the lower bound {@code cursor - lookback}. */
    public String lowerBound(Instant cursor) {
        Instant bound = cursor.minus(spec.lookback().duration());
        return switch (spec.format()) {
            case EPOCH_SECONDS -> Long.toString(bound.getEpochSecond());
            case EPOCH_MILLIS -> Long.toString(bound.toEpochMilli());
            case ISO8601 -> bound.toString();
        };
    }

    public String param() {
        return spec.param();
    }

    private static Instant parseIso(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.parse(text);
        }
    }
}
