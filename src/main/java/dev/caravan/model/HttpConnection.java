package dev.caravan.model;

import java.util.Map;

/** A REST API: base URL, authentication, default headers, rate-limit budget and timeouts. */
public record HttpConnection(
        Kind kind,
        String id,
        ConnectionType type,
        String description,
        String baseUrl,
        AuthSpec auth,
        Map<String, String> headers,
        RateLimitSpec rateLimit,
        TimeoutsSpec timeouts) implements ConnectionDefinition {

    public HttpConnection {
        auth = auth == null ? AuthSpec.NONE : auth;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        timeouts = timeouts == null ? TimeoutsSpec.DEFAULT : timeouts;
    }

    public HttpConnection withRateLimit(RateLimitSpec budget) {
        return new HttpConnection(kind, id, type, description, baseUrl, auth, headers, budget, timeouts);
    }
}
