package dev.caravan.connector.source.http;

import dev.caravan.connector.http.Authenticator;
import dev.caravan.connector.http.Backoff;
import dev.caravan.connector.http.RetryPolicy;
import dev.caravan.connector.http.TrafficStats;
import dev.caravan.connector.http.RetryAfter;
import dev.caravan.connector.http.Urls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.connector.ratelimit.RateLimiter;
import dev.caravan.model.HttpConnection;
import dev.caravan.model.HttpSourceSpec;
import dev.caravan.model.RateLimitSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Fetches one page of an HTTP source within the connection's budget. Transient failures are
 * retried with backoff; 429, 503 and rate-limiting 403s wait for {@code Retry-After} (capped at the connection's
 * {@code maxWait}, and logged); permanent failures throw at once with what the API said.
 */
public final class HttpPageFetcher {
    private static final Logger LOGGER = LoggerFactory.getLogger(HttpPageFetcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT = 300;

    private final HttpConnection connection;
    private final HttpSourceSpec source;
    private final HttpClient client;
    private final RateLimiter limiter;
    private final Authenticator authenticator;
    private final RetryPolicy retry;
    private final Backoff backoff;
    private final TrafficStats stats;

    /** @param stopping true once the runtime is stopping: retries give up instead of waiting */
    public HttpPageFetcher(HttpConnection connection, HttpSourceSpec source, HttpClient client, RateLimiter limiter,
                           Authenticator authenticator, RetryPolicy retry, BooleanSupplier stopping, TrafficStats stats) {
        this.stats = stats;
        this.connection = connection;
        this.source = source;
        this.client = client;
        this.limiter = limiter;
        this.authenticator = authenticator;
        this.retry = retry;
        this.backoff = new Backoff(connection, stopping);
    }

    /** Fetches {@code request} of {@code endpoint}, with the poll's lower bound {@code bound} (null for none). */
    public Page fetch(Endpoint endpoint, PageRequest request, String bound) {
        return fetch(endpoint, request, bound, RecordSink.NONE);
    }

    /**
     * As {@link #fetch(Endpoint, PageRequest, String)}, handing the shaped records to {@code sink} while
     * the body is read. A body cut off midway is fetched again, after {@link RecordSink#reset()}.
     */
    public Page fetch(Endpoint endpoint, PageRequest request, String bound, RecordSink sink) {
        return exchange(endpoint, request, bound, sink, false).orElseThrow();
    }

    /**
     * One record by key ({@code endpoint} from {@link Endpoints#lookup}): empty when the API answers
     * 404 or 410, that is, when the record is gone. Budget, retries and waits are a page fetch's.
     */
    public Optional<Page> lookup(Endpoint endpoint) {
        return exchange(endpoint, endpoint.paginator().first(), null, RecordSink.NONE, true);
    }

    private Optional<Page> exchange(Endpoint endpoint, PageRequest request, String bound, RecordSink sink, boolean lookup) {
        String url = endpoint.url(connection.baseUrl(), request, bound);
        Optional<String> body = endpoint.body(request, bound).map(JsonNode::toString);
        // configured parameters may carry credentials; logs and run history show them masked
        String shown = endpoint.method() + " " + Urls.redact(url, source.params().keySet());
        boolean reauthenticated = false;
        for (int attempt = 1; ; attempt++) {
            stats.waited(limiter.acquire());
            HttpResponse<InputStream> response;
            try {
                response = client.send(build(url, body), QueuedBodySubscriber.handler());
            } catch (IOException e) {
                retryOrFail(attempt, shown, failed(e), e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException(false, "interrupted while fetching " + shown, e);
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                honourRemaining(response);
                try (InputStream in = response.body()) {
                    return Optional.of(parse(shown, endpoint, response, in, sink));
                } catch (IOException e) {
                    sink.reset();
                    retryOrFail(attempt, shown, "body " + failed(e), e);
                    continue;
                }
            }
            byte[] error = head(response);
            if (lookup && (status == 404 || status == 410)) {
                return Optional.empty();
            }
            if (status == 429 || status == 503 || rateLimitedByForbidden(status, response)) {
                if (status == 429) {
                    stats.throttled();
                }
                Duration wait = Backoff.retryAfter(response).or(() -> untilReset(response)).orElse(retry.backoff(attempt));
                wait = backoff.capped(wait);
                LOGGER.warn("{} on {} answered {}; waiting {} ms before retrying (attempt {})", connection.id(), shown, status, wait.toMillis(), attempt);
                limiter.pause(wait);
                if (attempt >= retry.maxAttempts() * 2 || backoff.stopping()) {
                    throw new SourceException(false, shown + " still answered " + status + " after " + attempt + " attempts");
                }
                continue;
            }
            if (status == 401 && !reauthenticated) {
                reauthenticated = true;
                authenticator.invalidate();
                continue;
            }
            if (status >= 500 || status == 408) {
                retryOrFail(attempt, shown, "answered " + status + ": " + Backoff.excerpt(error), null);
                continue;
            }
            throw new SourceException(true, shown + " answered " + status + ": " + Backoff.excerpt(error));
        }
    }

    private static String failed(IOException e) {
        return "failed: " + e.getClass().getSimpleName() + (e.getMessage() != null ? " " + e.getMessage() : "");
    }

    /** The start of an error response's body, enough for the excerpt; the rest is not read. */
    private static byte[] head(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            return body.readNBytes(EXCERPT * 4);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private HttpRequest build(String url, Optional<String> body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(connection.timeouts().read().duration())
                .header("Accept", "application/json");
        if (body.isPresent()) {
            builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.get()));
        } else {
            builder.GET();
        }
        connection.headers().forEach(builder::header);
        source.headers().forEach(builder::header);
        authenticator.apply(builder);
        return builder.build();
    }

    /**
     * A 403 that carries {@code Retry-After}, or says the quota is used up in the connection's
     * remaining header, is a rate limit (GitHub's secondary limits), not a refusal.
     */
    private boolean rateLimitedByForbidden(int status, HttpResponse<?> response) {
        return status == 403 && (response.headers().firstValue("Retry-After").isPresent() || quotaSpent(response));
    }

    private Page parse(String url, Endpoint endpoint, HttpResponse<?> response, InputStream in, RecordSink sink) throws IOException {
        HeadKeepingInputStream body = new HeadKeepingInputStream(in, EXCERPT * 4);
        RecordShape shape = endpoint.shape();
        // the sink gets every record of the page, in order, by the end of the parse: those shaped
        // for it are the page's records, so each record is shaped once
        List<JsonNode> shaped = new ArrayList<>();
        RecordSink shaping = shape.asListed() ? sink : RecordSink.of(items -> {
            List<JsonNode> chunk = items.stream().map(shape::apply).toList();
            shaped.addAll(chunk);
            sink.accept(chunk);
        }, () -> {
            shaped.clear();
            sink.reset();
        });
        StreamedBody.Parsed parsed;
        try {
            parsed = StreamedBody.parse(JSON, body, endpoint.records(), shaping);
        } catch (JsonProcessingException e) {
            throw new SourceException(true, url + " returned invalid JSON (" + e.getOriginalMessage() + "): " + Backoff.excerpt(body.head()));
        } catch (IllegalArgumentException e) {
            throw new SourceException(true, url + ": " + e.getMessage());
        }
        if (parsed.body().isMissingNode()) {
            throw new SourceException(true, url + " returned an empty body; expected JSON");
        }
        List<JsonNode> items = parsed.records();
        return new Page(shape.asListed() ? items : List.copyOf(shaped), items, parsed.body(), response.headers().map());
    }

    private void retryOrFail(int attempt, String url, String what, Exception cause) {
        if (attempt >= retry.maxAttempts() || backoff.stopping()) {
            throw new SourceException(false, url + " " + what + " (gave up after " + attempt + " attempts)", cause);
        }
        Duration wait = retry.backoff(attempt);
        LOGGER.warn("{}: {} {}; retrying in {} ms (attempt {} of {})", connection.id(), url, what, wait.toMillis(), attempt, retry.maxAttempts());
        backoff.sleep(wait);
    }

    /** The wait until the quota resets, when the connection names a reset header and the API sent it. */
    private Optional<Duration> untilReset(HttpResponse<?> response) {
        RateLimitSpec spec = connection.rateLimit();
        return spec == null || spec.resetHeader() == null ? Optional.empty()
                : response.headers().firstValue(spec.resetHeader()).map(RetryAfter::resetToWait);
    }

    /** Whether the response says, in the connection's remaining header, that no requests are left. */
    private boolean quotaSpent(HttpResponse<?> response) {
        RateLimitSpec spec = connection.rateLimit();
        return spec != null && spec.remainingHeader() != null
                && response.headers().firstValue(spec.remainingHeader()).map(String::trim).filter("0"::equals).isPresent();
    }

    /** When the API says the window is used up, hold every caller until it resets. */
    private void honourRemaining(HttpResponse<?> response) {
        if (quotaSpent(response)) {
            limiter.pause(backoff.capped(untilReset(response).orElse(connection.rateLimit().per().duration())));
        }
    }
}
