package dev.caravan.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;

/** Starts sequence runs through a runtime's HTTP API and reads them back. */
public final class SequenceRuns {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> UNFINISHED = List.of("queued", "running");

    private final RuntimeHarness runtime;

    public SequenceRuns(RuntimeHarness runtime) {
        this.runtime = runtime;
    }

    /** {@code POST /api/sequences/{id}/runs}: the 202 body ({@code runId}, {@code outcome}). */
    public JsonNode trigger(String sequenceId) {
        HttpResponse<String> response = Http.send("POST", runtime.api("/api/sequences/" + sequenceId + "/runs"), "");
        if (response.statusCode() != 202) {
            throw new AssertionError("trigger of " + sequenceId + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    public JsonNode run(long runId) {
        return json(Http.get(runtime.api("/api/sequence-runs/" + runId)).body());
    }

    /** Waits for run {@code runId} to end and returns it with its steps. */
    public JsonNode awaitEnd(long runId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !UNFINISHED.contains(run(runId).path("status").asText()));
        return run(runId);
    }

    public JsonNode runAndWait(String sequenceId) {
        return awaitEnd(trigger(sequenceId).path("runId").asLong());
    }

    /** The runs of a sequence, newest first. */
    public List<JsonNode> runs(String sequenceId) {
        JsonNode body = json(Http.get(runtime.api("/api/sequences/" + sequenceId + "/runs?limit=200")).body());
        return StreamSupport.stream(body.path("runs").spliterator(), false).toList();
    }

    /** Each step as {@code sync:status}, in declaration order. */
    public static List<String> stepStates(JsonNode run) {
        return StreamSupport.stream(run.path("steps").spliterator(), false)
                .map(step -> step.path("sync").asText() + ":" + step.path("status").asText()).toList();
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
