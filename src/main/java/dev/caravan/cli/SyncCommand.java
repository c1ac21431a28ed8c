package dev.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code caravan sync <id>}: asks the running runtime, over its API, to run a sync now; with
 * {@code --dry-run}, what an activation would send, sending nothing. The token comes from
 * {@code CARAVAN_API_TOKEN}, never from the command line (it would show in the process list).
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Run a sync now on the running runtime, or (--dry-run) show what an activation would send.")
public final class SyncCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "SYNC", description = "The sync's id.")
    String syncId;

    @Option(names = "--dry-run", description = "Diff the model and print the counts and a few requests; send nothing, move nothing.")
    boolean dryRun;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:CARAVAN_URL:-http://127.0.0.1:8080}",
            description = "The runtime's HTTP address (default: CARAVAN_URL, else ${DEFAULT-VALUE}).")
    String url;

    @Override
    public Integer call() throws InterruptedException {
        String path = "/api/syncs/" + syncId + (dryRun ? "/dry-run" : "/runs");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + path))
                .timeout(Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.noBody());
        String token = System.getenv("CARAVAN_API_TOKEN");
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            System.err.println("No Caravan runtime answers at " + url + ": start it (./caravan), or give its address with --url or CARAVAN_URL.");
            return ExitCodes.RUNTIME_FAILURE;
        } catch (IOException e) {
            System.err.println("Calling " + url + path + " failed: " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            System.err.println(syncId + ": " + response.statusCode() + " " + (body == null ? response.body() : body.path("message").asText(response.body())));
            return ExitCodes.RUNTIME_FAILURE;
        }
        System.out.println(dryRun ? summary(body) : syncId + ": run " + body.path("runId").asText() + " queued");
        return ExitCodes.OK;
    }

    private String summary(JsonNode report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%s: %,d row(s) in the model; %,d added, %,d changed, %,d removed%n", syncId, report.path("rows").asLong(),
                report.path("added").asLong(), report.path("changed").asLong(), report.path("removed").asLong()));
        out.append("would send:");
        if (report.path("requests").isEmpty()) {
            out.append(" nothing");
        }
        report.path("requests").fields().forEachRemaining(e -> out.append(String.format(" %,d %s", e.getValue().asLong(), e.getKey())));
        for (JsonNode sample : report.path("samples")) {
            out.append(System.lineSeparator()).append("  ").append(sample.toString());
        }
        return out.toString();
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
