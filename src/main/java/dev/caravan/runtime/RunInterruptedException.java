package dev.caravan.runtime;

import dev.caravan.state.RowCounts;

/** A run that ended early and cleanly (its progress is committed) because the runtime is stopping. */
public class RunInterruptedException extends RuntimeException {
    private final transient RowCounts counts;

    public RunInterruptedException(String message, RowCounts counts) {
        super(message);
        this.counts = counts;
    }

    public RowCounts counts() {
        return counts;
    }
}
