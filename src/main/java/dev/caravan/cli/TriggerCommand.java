package dev.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code caravan trigger <sequence> [--wait]}: starts a sequence run on the running runtime, over
 * its API. With {@code --wait} it follows the run to its end, prints each step, and exits with a
 * code that says how the run ended, so cron, Airflow or CI can branch on it.
 */
@Command(name = "trigger", mixinStandardHelpOptions = true,
        description = "Start a run of a sequence on the running runtime; with --wait, follow it to its end.",
        footer = {"", "Exit codes: 0 started (or, with --wait, succeeded), 1 the runtime could not be asked, 3 warning (a step failed under"
                + " terminate: never), 4 failed, 5 cancelled or interrupted."})
public final class TriggerCommand implements Callable<Integer> {
    static final int WARNING = 3;
    static final int FAILED = 4;
    static final int NOT_FINISHED = 5;
    private static final Map<String, Integer> EXIT_BY_STATUS = Map.of(
            "succeeded", ExitCodes.OK, "warning", WARNING, "failed", FAILED, "cancelled", NOT_FINISHED, "interrupted", NOT_FINISHED);

    @Parameters(index = "0", paramLabel = "SEQUENCE", description = "The sequence's id.")
    String sequenceId;

    @Option(names = "--wait", description = "Wait for the run to end; the exit code gives its final status.")
    boolean wait;

    @Option(names = "--poll", paramLabel = "MILLIS", defaultValue = "500", description = "How often --wait asks for the run's state (default: ${DEFAULT-VALUE} ms).")
    long pollMillis;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() throws InterruptedException {
        ApiClient client = api.client();
        Optional<JsonNode> accepted = client.post("/api/sequences/" + sequenceId + "/runs");
        if (accepted.isEmpty()) {
            return ExitCodes.RUNTIME_FAILURE;
        }
        long runId = accepted.get().path("runId").asLong();
        if (!api.json) {
            System.out.println(sequenceId + ": run " + runId + " " + accepted.get().path("outcome").asText());
        }
        if (!wait) {
            if (api.json) {
                System.out.println(accepted.get().toPrettyString());
            }
            return ExitCodes.OK;
        }
        while (true) {
            Optional<JsonNode> run = client.get("/api/sequence-runs/" + runId);
            if (run.isEmpty()) {
                return ExitCodes.RUNTIME_FAILURE;
            }
            String status = run.get().path("status").asText();
            if (EXIT_BY_STATUS.containsKey(status)) {
                if (api.json) {
                    System.out.println(run.get().toPrettyString());
                } else {
                    print(run.get());
                }
                return EXIT_BY_STATUS.get(status);
            }
            Thread.sleep(pollMillis);
        }
    }

    private void print(JsonNode run) {
        for (JsonNode step : run.path("steps")) {
            System.out.printf("  %-30s %-11s %8s%s%n", step.path("sync").asText(), step.path("status").asText(),
                    Text.duration(step.path("durationMs")),
                    step.path("reason").isTextual() ? "  " + step.path("reason").asText() : "");
        }
        System.out.println(sequenceId + ": run " + run.path("runId").asText() + " " + run.path("status").asText()
                + (run.path("reason").isTextual() ? ": " + run.path("reason").asText() : ""));
    }
}
