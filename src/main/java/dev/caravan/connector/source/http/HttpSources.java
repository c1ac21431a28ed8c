package dev.caravan.connector.source.http;

import dev.caravan.connector.ratelimit.RateLimiters;
import dev.caravan.model.HttpConnection;
import dev.caravan.model.HttpSourceSpec;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Page fetchers for HTTP sources. Per connection it keeps one HTTP client, one authenticator (so
 * an OAuth2 token is shared) and one rate limiter (so every sync shares the budget).
 */
public final class HttpSources {
    private final RateLimiters rateLimiters;
    private final RetryPolicy retry;
    private final BooleanSupplier stopping;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    private final Map<String, Authenticator> authenticators = new ConcurrentHashMap<>();

    /** @param stopping true once the runtime is stopping (retries then give up at once) */
    public HttpSources(RateLimiters rateLimiters, RetryPolicy retry, BooleanSupplier stopping) {
        this.rateLimiters = rateLimiters;
        this.retry = retry;
        this.stopping = stopping;
    }

    public HttpPageFetcher fetcher(HttpConnection connection, HttpSourceSpec source) {
        HttpClient client = clients.computeIfAbsent(connection.id(), id -> HttpClient.newBuilder()
                .connectTimeout(connection.timeouts().connect().duration())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1)
                .build());
        Authenticator authenticator = authenticators.computeIfAbsent(connection.id(),
                id -> Authenticator.of(connection.auth(), auth -> new OAuth2TokenSource(auth, client)));
        return new HttpPageFetcher(connection, source, client, rateLimiters.forConnection(connection), authenticator, retry, stopping);
    }
}
