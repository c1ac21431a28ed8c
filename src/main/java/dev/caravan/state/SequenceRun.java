package dev.caravan.state;

import java.time.Instant;
import java.util.List;

/** One run of a sequence and, when read in full, its steps in declaration order. */
public record SequenceRun(
        long runId,
        String sequenceId,
        String trigger,
        RunStatus status,
        Instant queuedAt,
        Instant startedAt,
        Instant finishedAt,
        String reason,
        List<SequenceStep> steps) {

    public SequenceRun {
        steps = List.copyOf(steps);
    }

    public boolean isFinished() {
        return status != RunStatus.QUEUED && status != RunStatus.RUNNING;
    }
}
