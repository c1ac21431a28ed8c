package dev.caravan.connector.ratelimit;

import dev.caravan.model.HttpConnection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link RateLimiter} per connection id, so every sync on an API draws from the same budget. */
public final class RateLimiters {
    private final Map<String, RateLimiter> byConnection = new ConcurrentHashMap<>();

    public RateLimiter forConnection(HttpConnection connection) {
        return byConnection.computeIfAbsent(connection.id(), id -> connection.rateLimit() == null
                ? RateLimiter.unlimited() : RateLimiter.of(connection.rateLimit()));
    }

    /** Drops the budget of a connection whose definition changed; the next request makes a new one. */
    public void forget(String connectionId) {
        byConnection.remove(connectionId);
    }
}
