package dev.caravan.state;

import java.time.Instant;

/** One row of sync run history; {@code reconciliation} is null for runs that did not record one. */
public record SyncRun(
        long runId,
        String syncId,
        Long sequenceRunId,
        String trigger,
        RunStatus status,
        Instant startedAt,
        Instant finishedAt,
        RowCounts rows,
        String errorClass,
        String errorMessage,
        Reconciliation reconciliation) {
}
