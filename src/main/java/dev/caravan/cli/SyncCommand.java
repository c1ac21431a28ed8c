package dev.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code caravan sync <id>}: asks the running runtime, over its API, to run a sync now; with
 * {@code --dry-run}, what an activation would send, sending nothing. The token comes from
 * {@code CARAVAN_API_TOKEN}, never from the command line (it would show in the process list).
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Run a sync now on the running runtime, or (--dry-run) show what an activation would send.")
public final class SyncCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SYNC", description = "The sync's id.")
    String syncId;

    @Option(names = "--dry-run", description = "Diff the model and print the counts and a few requests; send nothing, move nothing.")
    boolean dryRun;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() throws InterruptedException {
        Optional<JsonNode> body = api.client().post("/api/syncs/" + syncId + (dryRun ? "/dry-run" : "/runs"));
        if (body.isEmpty()) {
            return ExitCodes.RUNTIME_FAILURE;
        }
        if (api.json) {
            System.out.println(body.get().toPrettyString());
        } else {
            System.out.println(dryRun ? summary(body.get()) : syncId + ": run " + body.get().path("runId").asText() + " queued");
        }
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
}
