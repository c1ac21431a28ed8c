package dev.caravan.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.model.AuthSpec;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * OAuth2 client credentials: fetches an access token from {@code tokenUrl}, caches it until a
 * minute before it expires (or until the API rejects it), then fetches a new one.
 */
public final class OAuth2TokenSource implements Authenticator {
    private static final Duration EARLY_REFRESH = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuthSpec auth;
    private final HttpClient client;
    private String token;
    private Instant expiresAt = Instant.MIN;

    OAuth2TokenSource(AuthSpec auth, HttpClient client) {
        this.auth = auth;
        this.client = client;
    }

    /** Creates token sources sharing one HTTP client. */
    public interface Factory {
        Authenticator create(AuthSpec auth);
    }

    @Override
    public synchronized void apply(HttpRequest.Builder request) {
        if (token == null || Instant.now().isAfter(expiresAt.minus(EARLY_REFRESH))) {
            refresh();
        }
        request.header("Authorization", "Bearer " + token);
    }

    @Override
    public synchronized void invalidate() {
        token = null;
    }

    private void refresh() {
        String form = "grant_type=client_credentials&client_id=" + encode(auth.clientId())
                + "&client_secret=" + encode(auth.clientSecret().reveal())
                + (auth.scope() != null ? "&scope=" + encode(auth.scope()) : "");
        HttpRequest request = HttpRequest.newBuilder(URI.create(auth.tokenUrl()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new HttpException(true, "OAuth2 token request to " + auth.tokenUrl() + " answered " + response.statusCode());
            }
            JsonNode body = JSON.readTree(response.body());
            if (!body.path("access_token").isTextual()) {
                throw new HttpException(true, "OAuth2 token response from " + auth.tokenUrl() + " has no access_token");
            }
            token = body.get("access_token").asText();
            expiresAt = Instant.now().plusSeconds(body.path("expires_in").asLong(3600));
        } catch (IOException e) {
            throw new HttpException(false, "OAuth2 token request to " + auth.tokenUrl() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpException(false, "interrupted while fetching an OAuth2 token", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
