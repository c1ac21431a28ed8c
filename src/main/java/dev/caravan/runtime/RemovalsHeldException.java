package dev.caravan.runtime;

import dev.caravan.state.RowCounts;

/** A run that stopped before sending anything because its removals need an operator's approval. */
public final class RemovalsHeldException extends RuntimeException {
    private final transient RowCounts counts;

    public RemovalsHeldException(String message, RowCounts counts) {
        super(message);
        this.counts = counts;
    }

    public RowCounts counts() {
        return counts;
    }
}
