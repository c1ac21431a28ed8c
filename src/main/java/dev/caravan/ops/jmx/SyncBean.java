package dev.caravan.ops.jmx;

import dev.caravan.runtime.SyncRunner;
import dev.caravan.runtime.SyncStatus;
import dev.caravan.runtime.SyncStatusService;

import java.util.Map;
import java.util.Optional;

/** {@link SyncMXBean} over the same services as the API. */
final class SyncBean implements SyncMXBean {
    private final String syncId;
    private final SyncStatusService statuses;
    private final SyncRunner runner;
    private final Operations operations;

    SyncBean(String syncId, SyncStatusService statuses, SyncRunner runner, Operations operations) {
        this.syncId = syncId;
        this.statuses = statuses;
        this.runner = runner;
        this.operations = operations;
    }

    private Optional<SyncStatus> status() {
        try {
            return statuses.one(syncId);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private Object lastRun(String field) {
        Map<String, Object> run = status().map(SyncStatus::lastRun).orElse(null);
        return run == null ? null : run.get(field);
    }

    @Override
    public String getKind() {
        return status().map(SyncStatus::kind).orElse(null);
    }

    @Override
    public String getPhase() {
        return status().map(SyncStatus::phase).orElse(null);
    }

    @Override
    public boolean isPaused() {
        return status().map(SyncStatus::paused).orElse(false);
    }

    @Override
    public double getLagSeconds() {
        return status().map(SyncStatus::lagSeconds).orElse(Double.NaN);
    }

    @Override
    public long getLastRunId() {
        Object id = lastRun("runId");
        return id == null ? 0 : ((Number) id).longValue();
    }

    @Override
    public String getLastRunStatus() {
        return (String) lastRun("status");
    }

    @Override
    public String getLastRunFinishedAt() {
        return (String) lastRun("finishedAt");
    }

    @Override
    public long trigger() {
        operations.check("trigger");
        return runner.submit(syncId, "jmx");
    }

    @Override
    public void pause() {
        operations.check("pause");
        runner.setPaused(syncId, true);
    }

    @Override
    public void resume() {
        operations.check("resume");
        runner.setPaused(syncId, false);
    }
}
