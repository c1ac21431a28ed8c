package dev.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.ArgGroup;
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
        description = "Run a sync now on the running runtime, (--dry-run) show what an activation would send, or approve or reject a held removal.")
public final class SyncCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SYNC", description = "The sync's id.")
    String syncId;

    @ArgGroup(exclusive = true)
    Action action = new Action();

    /** What to ask instead of a run; at most one. */
    static final class Action {
        @Option(names = "--dry-run", description = "Diff the model and print the counts and a few requests; send nothing, move nothing.")
        boolean dryRun;

        @Option(names = "--approve-removals", description = "Approve the removal held for exceeding maxRemove; a run carries it out now.")
        boolean approveRemovals;

        @Option(names = "--reject-removals", description = "Drop the removal held for exceeding maxRemove; nothing is removed.")
        boolean rejectRemovals;
    }

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() throws InterruptedException {
        boolean dryRun = action.dryRun;
        boolean approveRemovals = action.approveRemovals;
        boolean rejectRemovals = action.rejectRemovals;
        String path = dryRun ? "/dry-run" : approveRemovals ? "/removals/approve" : rejectRemovals ? "/removals/reject" : "/runs";
        Optional<JsonNode> body = api.client().post("/api/syncs/" + syncId + path);
        if (body.isEmpty()) {
            return ExitCodes.RUNTIME_FAILURE;
        }
        if (api.json) {
            System.out.println(body.get().toPrettyString());
        } else {
            System.out.println(dryRun ? summary(body.get()) : rejectRemovals ? syncId + ": held removal rejected; nothing is removed"
                    : syncId + ": run " + body.get().path("runId").asText() + " queued" + (approveRemovals ? " to carry out the approved removal" : ""));
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
