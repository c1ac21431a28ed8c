package dev.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code caravan status}: every sync and sequence of the running runtime at a glance. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show every sync and sequence of the running runtime at a glance.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;

    @Override
    public Integer call() throws InterruptedException {
        ApiClient client = api.client();
        Optional<JsonNode> syncs = client.get("/api/syncs");
        Optional<JsonNode> sequences = syncs.isEmpty() ? Optional.empty() : client.get("/api/sequences");
        if (sequences.isEmpty()) {
            return ExitCodes.RUNTIME_FAILURE;
        }
        if (api.json) {
            ObjectNode both = JsonNodeFactory.instance.objectNode();
            both.set("syncs", syncs.get());
            both.set("sequences", sequences.get());
            System.out.println(both.toPrettyString());
            return ExitCodes.OK;
        }
        System.out.println("SYNCS");
        for (JsonNode sync : syncs.get()) {
            JsonNode run = sync.path("lastRun");
            System.out.printf("  %-28s %-10s %-12s %-10s %s%n", sync.path("id").asText(), sync.path("kind").asText(),
                    sync.path("paused").asBoolean() ? "paused" : sync.path("phase").asText("-"), lag(sync),
                    run.isObject() ? "run " + run.path("runId").asText() + " " + run.path("status").asText() + " " + run.path("finishedAt").asText("") : "never run");
        }
        System.out.println("SEQUENCES");
        for (JsonNode sequence : sequences.get()) {
            JsonNode run = sequence.path("lastRun");
            System.out.printf("  %-28s %-9s %-22s %s%n", sequence.path("id").asText(), sequence.path("enabled").asBoolean() ? "enabled" : "disabled",
                    Text.schedule(sequence.path("schedule")),
                    run.isObject() ? "run " + run.path("runId").asText() + " " + run.path("status").asText() + " " + run.path("finishedAt").asText("") : "never run");
        }
        return ExitCodes.OK;
    }

    private static String lag(JsonNode sync) {
        return sync.path("lagSeconds").isNumber() ? String.format("lag %.1fs", sync.path("lagSeconds").asDouble()) : "";
    }
}
