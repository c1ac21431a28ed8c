package dev.caravan.model;

/**
 * The API's published quota ({@code requests} per {@code per}) and the share of it Caravan may use.
 * Every sync on the connection draws from one budget of {@code requests * share} per {@code per}.
 */
public record RateLimitSpec(
        int requests,
        DurationSpec per,
        Double share,
        String remainingHeader,
        String resetHeader,
        DurationSpec maxWait) {

    public RateLimitSpec {
        share = share == null ? 1.0 : share;
        maxWait = maxWait == null ? DurationSpec.parse("60s") : maxWait;
    }

    /** Requests per second Caravan allows itself on this connection. */
    public double permitsPerSecond() {
        return requests * share / (per.toMillis() / 1000.0);
    }
}
