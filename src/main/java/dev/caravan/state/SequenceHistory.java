package dev.caravan.state;

import java.util.List;
import java.util.Optional;

/** Runs of sequences and their steps, kept across restarts. */
public interface SequenceHistory {

    /** Records a run waiting to start; returns its id. */
    long queue(String sequenceId, String trigger);

    /** Marks a queued run {@code running} and records its steps, all {@code queued}. */
    void start(long runId, List<String> stepSyncIds);

    void startStep(long runId, int stepIndex);

    /** Records a step's end: its final state, attempts, last sync run (or null) and why, if it did not succeed. */
    void finishStep(long runId, int stepIndex, RunStatus status, int attempts, Long syncRunId, String reason);

    void finish(long runId, RunStatus status, String reason);

    Optional<SequenceRun> find(long runId);

    /** A sequence's runs, newest first, older than {@code beforeRunId} when given; steps not included. */
    List<SequenceRun> page(String sequenceId, Long beforeRunId, int limit);

    /** The newest finished run of each sequence, by sequence id; steps not included. */
    java.util.Map<String, SequenceRun> lastFinished();

    /** The newest finished run of one sequence; steps not included. */
    Optional<SequenceRun> lastFinished(String sequenceId);

    /** Marks runs (and their steps) still {@code queued} or {@code running} whose runtime is gone as {@code interrupted}; returns the runs marked. */
    int markInterrupted();
}
