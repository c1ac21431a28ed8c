package dev.caravan.connector.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.connector.http.JsonPaths;
import dev.caravan.model.IncrementalSpec;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Optional;

/**
 * Cursor values of an incremental source. Whatever the API's format (ISO-8601, epoch seconds,
 * epoch milliseconds), Caravan stores the cursor as an ISO-8601 instant and writes the request's
 * lower bound back in the API's format. The lower bound is inclusive: records that share the
 * cursor value of the last one seen are fetched again and absorbed by the upsert.
 */
public final class Cursors {
    private static final Pattern EPOCH = Pattern.compile("\\s*-?\\d{1,19}\\s*");
    private static final DateTimeFormatter ISO_LENIENT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();
    private final IncrementalSpec spec;

    public Cursors(IncrementalSpec spec) {
        this.spec = spec;
    }

    /** The highest cursor among {@code items} and {@code current}; items without one are ignored. */
    public Instant max(Instant current, List<JsonNode> items) {
        Instant max = current;
        for (JsonNode item : items) {
            Instant value = of(item).orElse(null);
            if (value != null && (max == null || value.isAfter(max))) {
                max = value;
            }
        }
        return max;
    }

    /** The item's cursor: ISO-8601 text, or an epoch number (or numeric text) in the spec's epoch unit. */
    Optional<Instant> of(JsonNode item) {
        String field = spec.cursorField();
        JsonNode value = field.startsWith("$") ? JsonPaths.read(item, field) : item.path(field);
        if (value.isNull() || value.isMissingNode()) {
            return Optional.empty();
        }
        String text = value.asText();
        try {
            if (value.isNumber() || EPOCH.matcher(text).matches()) {
                long number = Long.parseLong(text.trim());
                return Optional.of(spec.format() == IncrementalSpec.CursorFormat.EPOCH_SECONDS ? Instant.ofEpochSecond(number) : Instant.ofEpochMilli(number));
            }
            return Optional.of(parseIso(text));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new SourceException(true, "cursor field '" + field + "' has '" + text + "', which is not an ISO-8601 date-time or an epoch number");
        }
    }

    /** The request's lower bound: {@code cursor - lookback}, in the API's format. */
    public String lowerBound(Instant cursor) {
        return exactly(cursor.minus(spec.lookback().duration()));
    }

    /**
     * {@code bound} in the API's format. ISO-8601 goes to whole seconds, rounded down (the bound stays
     * inclusive), since some query languages (SOQL) take no fractions.
     */
    public String exactly(Instant bound) {
        return switch (spec.format()) {
            case EPOCH_SECONDS -> Long.toString(bound.getEpochSecond());
            case EPOCH_MILLIS -> Long.toString(bound.toEpochMilli());
            case ISO8601 -> bound.truncatedTo(ChronoUnit.SECONDS).toString();
        };
    }

    public String param() {
        return spec.param();
    }

    /** ISO-8601 with an offset as {@code Z}, {@code +01:00} or {@code +0100} (Salesforce). */
    private static Instant parseIso(String text) {
        return OffsetDateTime.parse(text.trim(), ISO_LENIENT).toInstant();
    }
}
