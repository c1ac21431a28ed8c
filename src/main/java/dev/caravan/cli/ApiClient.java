package dev.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The CLI's side of the HTTP API: the token from {@code CARAVAN_API_TOKEN} (never a flag, which
 * would show in the process list), JSON answers, and failures explained on stderr.
 */
final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final HttpClient client = HttpClient.newHttpClient();
    private int lastStatus;

    ApiClient(String url) {
        this.url = url.replaceAll("/+$", "");
    }

    /** The JSON answer to a 2xx; otherwise empty, with the reason printed. */
    Optional<JsonNode> post(String path) throws InterruptedException {
        return call(path, HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The HTTP status of the last answer (0 before any). */
    int lastStatus() {
        return lastStatus;
    }

    Optional<JsonNode> get(String path) throws InterruptedException {
        return call(path, HttpRequest.newBuilder().GET());
    }

    private Optional<JsonNode> call(String path, HttpRequest.Builder request) throws InterruptedException {
        request.uri(URI.create(url + path)).timeout(Duration.ofMinutes(30));
        String token = System.getenv("CARAVAN_API_TOKEN");
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        request.header("X-Caravan-Actor", "cli " + System.getProperty("user.name", "unknown"));
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            System.err.println("No Caravan runtime answers at " + url + ": start it (./caravan), or give its address with --url or CARAVAN_URL.");
            return Optional.empty();
        } catch (IOException e) {
            System.err.println("Calling " + url + path + " failed: " + e.getMessage());
            return Optional.empty();
        }
        JsonNode body = parse(response.body());
        lastStatus = response.statusCode();
        if (response.statusCode() / 100 != 2 || body == null) {
            System.err.println(path + ": " + response.statusCode() + " " + (body == null ? response.body() : body.path("message").asText(response.body())));
            if (body != null) {
                body.path("details").path("problems").forEach(problem -> System.err.println("  " + problem.asText()));
            }
            return Optional.empty();
        }
        return Optional.of(body);
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
