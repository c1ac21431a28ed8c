package dev.caravan.runtime;

import dev.caravan.state.RowCounts;
import dev.caravan.state.RunStatus;

/** A run that ended before its work was done, with what it did so far and the status run history records. */
public abstract class RunEndedEarlyException extends RuntimeException {
    private final transient RowCounts counts;
    private final RunStatus status;

    protected RunEndedEarlyException(String message, RowCounts counts, RunStatus status) {
        super(message);
        this.counts = counts;
        this.status = status;
    }

    public RowCounts counts() {
        return counts;
    }

    public RunStatus status() {
        return status;
    }
}
