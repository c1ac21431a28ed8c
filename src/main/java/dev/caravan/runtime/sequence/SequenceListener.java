package dev.caravan.runtime.sequence;

import dev.caravan.model.SequenceDefinition;
import dev.caravan.state.SequenceRun;

/** Told when a sequence run has ended and its final state is recorded. */
@FunctionalInterface
public interface SequenceListener {
    void finished(SequenceDefinition sequence, SequenceRun run);
}
