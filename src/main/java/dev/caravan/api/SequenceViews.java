package dev.caravan.api;

import dev.caravan.model.SequenceDefinition;
import dev.caravan.model.StepSpec;
import dev.caravan.runtime.SyncStatusService;
import dev.caravan.state.SequenceRun;
import dev.caravan.state.SequenceStep;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of sequences, their runs and steps. */
final class SequenceViews {
    private SequenceViews() {
    }

    static Map<String, Object> summary(SequenceDefinition sequence, boolean enabled, SequenceRun lastRun) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", sequence.id());
        out.put("description", sequence.description());
        out.put("enabled", enabled);
        out.put("schedule", SyncStatusService.schedule(sequence.schedule()));
        out.put("steps", sequence.steps().size());
        out.put("lastRun", lastRun == null ? null : run(lastRun));
        return out;
    }

    static Map<String, Object> detail(SequenceDefinition sequence, boolean enabled, SequenceRun lastRun) {
        Map<String, Object> out = summary(sequence, enabled, lastRun);
        out.put("configEnabled", sequence.enabled());
        out.put("maxParallel", sequence.maxParallel());
        out.put("triggers", sequence.triggers());
        out.put("steps", sequence.steps().stream().map(step -> step(sequence, step)).toList());
        return out;
    }

    private static Map<String, Object> step(SequenceDefinition sequence, StepSpec step) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sync", step.sync());
        out.put("terminate", step.terminate().value());
        out.put("rejected", step.rejected());
        out.put("after", sequence.dependencies(sequence.indexOf(step.sync())));
        out.put("retries", step.retries());
        out.put("backoff", step.backoff().toString());
        return out;
    }

    /** A run without its steps. */
    static Map<String, Object> run(SequenceRun run) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runId", run.runId());
        out.put("sequence", run.sequenceId());
        out.put("status", run.status().value());
        out.put("trigger", run.trigger());
        out.put("queuedAt", text(run.queuedAt()));
        out.put("startedAt", text(run.startedAt()));
        out.put("finishedAt", text(run.finishedAt()));
        out.put("durationMs", millis(run.startedAt(), run.finishedAt()));
        out.put("reason", run.reason());
        return out;
    }

    static Map<String, Object> runWithSteps(SequenceRun run) {
        Map<String, Object> out = run(run);
        out.put("steps", run.steps().stream().map(SequenceViews::step).toList());
        return out;
    }

    private static Map<String, Object> step(SequenceStep step) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sync", step.syncId());
        out.put("status", step.status().value());
        out.put("startedAt", text(step.startedAt()));
        out.put("finishedAt", text(step.finishedAt()));
        out.put("durationMs", millis(step.startedAt(), step.finishedAt()));
        out.put("attempts", step.attempts());
        out.put("reason", step.reason());
        if (step.syncRun() != null) {
            Map<String, Object> syncRun = SyncStatusService.run(step.syncRun());
            out.put("syncRunId", syncRun.get("runId"));
            out.put("rows", syncRun.get("rows"));
            out.put("error", syncRun.get("error"));
        }
        return out;
    }

    static List<Map<String, Object>> runs(List<SequenceRun> runs) {
        return runs.stream().map(SequenceViews::run).toList();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Long millis(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toMillis();
    }
}
