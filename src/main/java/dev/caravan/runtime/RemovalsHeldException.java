package dev.caravan.runtime;

import dev.caravan.state.RowCounts;
import dev.caravan.state.RunStatus;

/** A run that stopped before sending anything because its removals need an operator's approval. */
public final class RemovalsHeldException extends RunEndedEarlyException {
    public RemovalsHeldException(String message, RowCounts counts) {
        super(message, counts, RunStatus.AWAITING_APPROVAL);
    }
}
