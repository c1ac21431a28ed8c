package dev.caravan.runtime;

import dev.caravan.state.RowCounts;
import dev.caravan.state.RunStatus;

/** A run that ended early and cleanly (its progress is committed) because the runtime is stopping. */
public class RunInterruptedException extends RunEndedEarlyException {
    public RunInterruptedException(String message, RowCounts counts) {
        super(message, counts, RunStatus.INTERRUPTED);
    }
}
