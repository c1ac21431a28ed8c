package dev.caravan.runtime;

import dev.caravan.model.SyncDefinition;
import dev.caravan.state.RowCounts;

/** Executes one run of the syncs it supports (an API sync engine, an activation engine). */
public interface SyncEngine {

    /** True when this engine can run {@code sync}. */
    boolean supports(SyncDefinition sync);

    /**
     * Runs {@code sync} once as run {@code runId}, committing its progress as it goes.
     *
     * @return the run's counts
     * @throws Exception when the run fails; the runner records it as failed with this error
     */
    RowCounts run(SyncDefinition sync, long runId) throws Exception;
}
