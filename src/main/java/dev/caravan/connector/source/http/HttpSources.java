package dev.caravan.connector.source.http;

import dev.caravan.connector.http.HttpConnections;
import dev.caravan.connector.http.RetryPolicy;
import dev.caravan.model.HttpConnection;
import dev.caravan.model.HttpSourceSpec;

import java.util.function.BooleanSupplier;

/** Page fetchers for HTTP sources, on the client, authenticator and budget their connection shares. */
public final class HttpSources {
    private final HttpConnections connections;
    private final RetryPolicy retry;
    private final BooleanSupplier stopping;

    /** @param stopping true once the runtime is stopping (retries then give up at once) */
    public HttpSources(HttpConnections connections, RetryPolicy retry, BooleanSupplier stopping) {
        this.connections = connections;
        this.retry = retry;
        this.stopping = stopping;
    }

    /** A fetcher for sync {@code syncId}, whose waits and 429s count as that sync's traffic. */
    public HttpPageFetcher fetcher(String syncId, HttpConnection connection, HttpSourceSpec source) {
        return new HttpPageFetcher(connection, source, connections.client(connection), connections.limiter(connection),
                connections.authenticator(connection), retry, stopping, connections.traffic(syncId));
    }
}
