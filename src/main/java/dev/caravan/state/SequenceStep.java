package dev.caravan.state;

import java.time.Instant;

/**
 * One step of a sequence run: its own state and timing, and its last sync run ({@code syncRun},
 * null for a step that never started) with that run's counts and error.
 */
public record SequenceStep(
        int index,
        String syncId,
        RunStatus status,
        Instant startedAt,
        Instant finishedAt,
        int attempts,
        String reason,
        SyncRun syncRun) {
}
