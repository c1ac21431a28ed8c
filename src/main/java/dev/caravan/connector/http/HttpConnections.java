package dev.caravan.connector.http;

import dev.caravan.connector.ratelimit.RateLimiter;
import dev.caravan.connector.ratelimit.RateLimiters;
import dev.caravan.model.HttpConnection;

import java.net.http.HttpClient;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every sync on one HTTP connection shares, reading or writing: one HTTP client, one
 * authenticator (so an OAuth2 token is fetched once) and one rate limiter (one budget).
 */
public final class HttpConnections {
    private final RateLimiters rateLimiters;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    private final Map<String, Authenticator> authenticators = new ConcurrentHashMap<>();
    private final TrafficStats.BySync traffic = new TrafficStats.BySync();

    public HttpConnections(RateLimiters rateLimiters) {
        this.rateLimiters = rateLimiters;
    }

    public HttpClient client(HttpConnection connection) {
        return clients.computeIfAbsent(connection.id(), id -> HttpClient.newBuilder()
                .connectTimeout(connection.timeouts().connect().duration())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1)
                .build());
    }

    public Authenticator authenticator(HttpConnection connection) {
        HttpClient client = client(connection);
        return authenticators.computeIfAbsent(connection.id(), id -> Authenticator.of(connection.auth(), auth -> new OAuth2TokenSource(auth, client)));
    }

    /** What sync {@code syncId}'s requests, on any connection, spent waiting for budgets, and their 429s. */
    public TrafficStats traffic(String syncId) {
        return traffic.of(syncId);
    }

    /** Forgets the client, authenticator and budget of connections whose definition changed or went. */
    public void forget(Collection<String> connectionIds) {
        for (String id : connectionIds) {
            clients.remove(id);
            authenticators.remove(id);
            rateLimiters.forget(id);
        }
    }

    public RateLimiter limiter(HttpConnection connection) {
        return rateLimiters.forConnection(connection);
    }
}
