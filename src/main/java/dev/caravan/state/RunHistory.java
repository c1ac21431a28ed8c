package dev.caravan.state;

import java.util.List;
import java.util.Optional;

/** Append-only history of sync runs. */
public interface RunHistory {

    /** Records a run waiting to start, status {@code queued}; returns its id. {@code sequenceRunId} is null outside a sequence. */
    long queue(String syncId, String trigger, Long sequenceRunId);

    /** Marks a queued run {@code running}, from now. */
    void start(long runId);

    /** Records the end of run {@code runId}; {@code error} is null unless the run failed. */
    void finish(long runId, RunStatus status, RowCounts rows, Throwable error);

    /** Records what run {@code runId} proved about its table (API syncs). */
    void reconcile(long runId, Reconciliation reconciliation);

    Optional<SyncRun> find(long runId);

    /** The newest runs of a sync, newest first. */
    List<SyncRun> recent(String syncId, int limit);

    /** The sync runs of one sequence run (every attempt of every step), oldest first. */
    List<SyncRun> ofSequenceRun(long sequenceRunId);

    /**
     * Marks every run still {@code queued} or {@code running} whose runtime is gone (no live node,
     * see ClusterNode) as {@code interrupted}. Returns how many were marked.
     */
    int markInterrupted();
}
