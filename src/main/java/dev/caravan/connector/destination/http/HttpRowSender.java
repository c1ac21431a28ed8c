package dev.caravan.connector.destination.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.connector.http.Authenticator;
import dev.caravan.connector.http.Backoff;
import dev.caravan.connector.http.HttpException;
import dev.caravan.connector.http.JsonPaths;
import dev.caravan.connector.http.RetryPolicy;
import dev.caravan.connector.http.TrafficStats;
import dev.caravan.connector.http.Urls;
import dev.caravan.connector.ratelimit.RateLimiter;
import dev.caravan.model.BatchSpec;
import dev.caravan.model.HttpConnection;
import dev.caravan.model.HttpRequestSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Sends one row's request to an activation's API within the connection's budget, and says what
 * became of it. 2xx is delivered; other 4xx are rejected with what the API said; 429, 5xx and
 * timeouts are retried with backoff and rejected when the retries run out. 401 (after one fresh
 * token) and 403, and an API that cannot be reached at all, fail the run: no row could get through.
 */
public final class HttpRowSender {
    private static final int MULTI_STATUS = 207;
    private static final Logger LOGGER = LoggerFactory.getLogger(HttpRowSender.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpConnection connection;
    private final HttpClient client;
    private final RateLimiter limiter;
    private final Authenticator authenticator;
    private final RetryPolicy retry;
    private final Backoff backoff;
    private final TrafficStats stats;

    public HttpRowSender(HttpConnection connection, HttpClient client, RateLimiter limiter, Authenticator authenticator, RetryPolicy retry,
                         Backoff backoff, TrafficStats stats) {
        this.stats = stats;
        this.connection = connection;
        this.client = client;
        this.limiter = limiter;
        this.authenticator = authenticator;
        this.retry = retry;
        this.backoff = backoff;
    }

    /** Sends {@code row} as {@code spec} describes. */
    public Delivery send(HttpRequestSpec spec, ObjectNode row) {
        String path;
        byte[] body;
        try {
            path = RequestTemplate.path(spec.path(), row);
            body = "DELETE".equals(spec.method()) && spec.body() == null ? null : JSON.writeValueAsBytes(RequestTemplate.body(spec.body(), row));
        } catch (RequestTemplate.TemplateException e) {
            return Delivery.rejected(null, e.getMessage());
        } catch (JsonProcessingException e) {
            return Delivery.rejected(null, "the row cannot be written as JSON: " + e.getOriginalMessage());
        }
        Answer answer = exchange(spec.method(), path, body);
        return answer.delivered() ? Delivery.DELIVERED : Delivery.rejected(answer.status(), answer.reason());
    }

    /**
     * Sends {@code rows} in one batch request ({@code spec.batch()}); returns what became of each,
     * in order. Rows whose body cannot be made are rejected and left out of the request.
     */
    public List<Delivery> sendBatch(HttpRequestSpec spec, List<ObjectNode> rows) {
        BatchSpec batch = spec.batch();
        List<Delivery> outcomes = new ArrayList<>(Collections.nCopies(rows.size(), null));
        ArrayNode bodies = JSON.createArrayNode();
        List<Integer> sent = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            try {
                bodies.add(RequestTemplate.body(spec.body(), rows.get(i)));
                sent.add(i);
            } catch (RequestTemplate.TemplateException e) {
                outcomes.set(i, Delivery.rejected(null, e.getMessage()));
            }
        }
        if (sent.isEmpty()) {
            return outcomes;
        }
        Answer answer;
        try {
            answer = exchange(spec.method(), spec.path(), JSON.writeValueAsBytes(wrap(bodies, batch.records())));
        } catch (JsonProcessingException e) {
            sent.forEach(i -> outcomes.set(i, Delivery.rejected(null, "the rows cannot be written as JSON: " + e.getOriginalMessage())));
            return outcomes;
        }
        List<Delivery> perRow = perRow(answer, batch, sent.size());
        for (int j = 0; j < sent.size(); j++) {
            outcomes.set(sent.get(j), perRow.get(j));
        }
        return outcomes;
    }

    /** The array placed at a member path: {@code $.inputs} gives {@code {"inputs": [...]}}. */
    private static JsonNode wrap(ArrayNode bodies, String path) {
        JsonNode body = bodies;
        List<String> members = JsonPaths.members(path).orElse(List.of());
        for (int i = members.size() - 1; i >= 0; i--) {
            ObjectNode outer = JSON.createObjectNode();
            outer.set(members.get(i), body);
            body = outer;
        }
        return body;
    }

    /**
     * Each row's outcome from a batch answer: the answer's own status for all, or per-row results
     * when the API gives them. A 2xx whose results do not line up with the rows confirms none of
     * them: better sent again than counted delivered unseen. So does 207 Multi-Status without
     * per-row results: some rows failed, and the answer does not say which.
     */
    private static List<Delivery> perRow(Answer answer, BatchSpec batch, int count) {
        if (!answer.delivered()) {
            return Collections.nCopies(count, Delivery.rejected(answer.status(), answer.reason()));
        }
        if (batch.results() == null) {
            return answer.status() == MULTI_STATUS
                    ? Collections.nCopies(count, Delivery.rejected(answer.status(), "some rows of the batch failed (207): " + Backoff.excerpt(answer.body())))
                    : Collections.nCopies(count, Delivery.DELIVERED);
        }
        JsonNode body = answer.json();
        JsonNode results = body == null ? null : JsonPaths.read(body, batch.results());
        if (results == null || !results.isArray() || results.size() != count) {
            return Collections.nCopies(count, Delivery.rejected(answer.status(), "the answer has no per-row results at " + batch.results()
                    + " for the " + count + " rows sent"));
        }
        List<Delivery> out = new ArrayList<>(count);
        for (JsonNode result : results) {
            JsonNode error = result.get(batch.errorField());
            boolean none = error == null || error.isNull() || error.isContainerNode() && error.isEmpty();
            out.add(none ? Delivery.DELIVERED
                    : Delivery.rejected(answer.status(), error.isTextual() ? error.textValue() : error.toString()));
        }
        return out;
    }

    /**
     * The final answer to one request after retries.
     *
     * @param status null when no answer came (timeouts)
     */
    public record Answer(Integer status, byte[] body, String reason) {
        public boolean delivered() {
            return status != null && status / 100 == 2;
        }

        public JsonNode json() {
            try {
                return body == null || body.length == 0 ? null : JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }
    }

    /**
     * Sends one request with retries.
     *
     * @throws HttpException when the API rejects the credentials (401, 403) or cannot be reached
     */
    public Answer exchange(String method, String path, byte[] body) {
        String url = Urls.build(connection.baseUrl(), path, Map.of());
        boolean reauthenticated = false;
        for (int attempt = 1; ; attempt++) {
            stats.waited(limiter.acquire());
            HttpResponse<byte[]> response;
            try {
                response = client.send(request(method, url, body), HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpTimeoutException e) {
                if (attempt >= retry.maxAttempts() || backoff.stopping()) {
                    return new Answer(null, null, "no answer within " + connection.timeouts().read().duration().toMillis() + " ms after "
                            + attempt + " attempts");
                }
                backoff.sleep(retry.backoff(attempt));
                continue;
            } catch (IOException e) {
                if (attempt >= retry.maxAttempts() || backoff.stopping()) {
                    throw new HttpException(false, method + " " + url + " could not reach " + connection.id() + " after " + attempt + " attempts: "
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
                }
                backoff.sleep(retry.backoff(attempt));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HttpException(false, "interrupted while sending to " + connection.id(), e);
            }
            int status = response.statusCode();
            String said = status + ": " + Backoff.excerpt(response.body());
            if (status / 100 == 2) {
                return new Answer(status, response.body(), null);
            }
            if (status == 401 && !reauthenticated) {
                reauthenticated = true;
                authenticator.invalidate();
                continue;
            }
            if (status == 401 || status == 403) {
                throw new HttpException(true, method + " " + url + " answered " + said + " (the credentials of " + connection.id() + " are refused)");
            }
            boolean retryable = status == 429 || status == 408 || status >= 500;
            if (!retryable || attempt >= retry.maxAttempts() || backoff.stopping()) {
                return new Answer(status, response.body(), retryable ? said + " (after " + attempt + " attempts)" : said);
            }
            Duration wait = status == 429 || status == 503 ? Backoff.retryAfter(response).map(backoff::capped).orElse(retry.backoff(attempt))
                    : retry.backoff(attempt);
            if (status == 429) {
                stats.throttled();
            }
            if (status == 429 || status == 503) {
                limiter.pause(wait);
            }
            LOGGER.warn("{}: {} {} answered {}; retrying in {} ms (attempt {} of {})", connection.id(), method, url, status, wait.toMillis(),
                    attempt, retry.maxAttempts());
            backoff.sleep(wait);
        }
    }

    private HttpRequest request(String method, String url, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(connection.timeouts().read().duration())
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            builder.header("Content-Type", "application/json; charset=" + StandardCharsets.UTF_8.name().toLowerCase());
        }
        connection.headers().forEach(builder::header);
        authenticator.apply(builder);
        return builder.build();
    }
}
