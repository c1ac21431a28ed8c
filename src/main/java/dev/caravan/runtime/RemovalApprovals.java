package dev.caravan.runtime;

import dev.caravan.state.PendingRemovals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * An operator's answer to a removal held for exceeding {@code maxRemove}. Approval marks it and
 * starts a run of the sync at once, which carries it out (a key scan's held rows are removed, an
 * activation sends its removals); rejection drops it.
 */
public final class RemovalApprovals {
    private static final Logger LOGGER = LoggerFactory.getLogger(RemovalApprovals.class);

    private final PendingRemovals pending;
    private final SyncRunner runner;

    public RemovalApprovals(PendingRemovals pending, SyncRunner runner) {
        this.pending = pending;
        this.runner = runner;
    }

    /** Returns the id of the run that carries the removal out, or empty when none is held (or it was approved already). */
    public Optional<Long> approve(String syncId) {
        if (!pending.approve(syncId)) {
            return Optional.empty();
        }
        LOGGER.info("Sync {}: held removal approved; a run carries it out now", syncId);
        return Optional.of(runner.submit(syncId, "approval"));
    }

    /** Whether a held removal was dropped. */
    public boolean reject(String syncId) {
        boolean rejected = pending.reject(syncId);
        if (rejected) {
            LOGGER.info("Sync {}: held removal rejected; nothing is removed, and the next scan or run decides again", syncId);
        }
        return rejected;
    }
}
