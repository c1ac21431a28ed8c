package dev.caravan.connector.source.http;

import dev.caravan.connector.http.JsonPaths;
import dev.caravan.model.TotalSpec;

import java.util.Optional;

/**
 * The number of records in all, as a page response reports it (a body field or a header). It only
 * feeds the backfill's ETA, so a missing or non-numeric value is unknown, never an error.
 */
public final class PageTotal {
    private PageTotal() {
    }

    /** @param spec where to look; null when the API reports no total */
    public static Optional<Long> of(Page page, TotalSpec spec) {
        if (spec == null) {
            return Optional.empty();
        }
        Optional<String> text = spec.path() != null ? JsonPaths.readText(page.body(), spec.path()) : page.header(spec.header());
        try {
            return text.map(String::trim).map(Long::parseLong).filter(total -> total >= 0);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
