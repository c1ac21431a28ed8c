package dev.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code caravan runs <sequence>}: a sequence's latest runs, newest first. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "Show a sequence's latest runs, newest first.")
public final class RunsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SEQUENCE", description = "The sequence's id.")
    String sequenceId;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many runs (1 to 200, default ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() throws InterruptedException {
        Optional<JsonNode> page = api.client().get("/api/sequences/" + sequenceId + "/runs?limit=" + limit);
        if (page.isEmpty()) {
            return ExitCodes.RUNTIME_FAILURE;
        }
        if (api.json) {
            System.out.println(page.get().toPrettyString());
            return ExitCodes.OK;
        }
        System.out.printf("%-8s %-16s %-11s %-26s %10s  %s%n", "RUN", "TRIGGER", "STATUS", "STARTED", "DURATION", "REASON");
        for (JsonNode run : page.get().path("runs")) {
            System.out.printf("%-8s %-16s %-11s %-26s %10s  %s%n", run.path("runId").asText(), run.path("trigger").asText(), run.path("status").asText(),
                    run.path("startedAt").asText("-"), Text.duration(run.path("durationMs")), run.path("reason").asText(""));
        }
        return ExitCodes.OK;
    }
}
