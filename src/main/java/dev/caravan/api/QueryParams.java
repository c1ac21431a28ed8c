package dev.caravan.api;

import org.apache.camel.Exchange;

import java.util.Optional;

/**
 * Path and query parameters as numbers. A bad value is answered 400 here, naming the parameter
 * and the range, and the caller gets empty and stops.
 */
final class QueryParams {
    private QueryParams() {
    }

    /** A required id from the path, such as {@code {runId}}. */
    static Optional<Long> id(Exchange exchange, String name) {
        String text = exchange.getMessage().getHeader(name, String.class);
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            JsonResponses.error(exchange, 400, "bad_request", name + " must be a number; got '" + text + "'");
            return Optional.empty();
        }
    }

    /** An optional number from the query, {@code fallback} when absent. */
    static Optional<Long> number(Exchange exchange, String name, long fallback, long min, long max) {
        String text = exchange.getMessage().getHeader(name, String.class);
        if (text == null) {
            return Optional.of(fallback);
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        JsonResponses.error(exchange, 400, "bad_request", name + " must be a whole number from " + min + " to " + max + "; got '" + text + "'");
        return Optional.empty();
    }
}
