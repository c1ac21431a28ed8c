package dev.caravan.runtime.apisync;

import dev.caravan.connector.destination.postgres.WriteResult;
import dev.caravan.runtime.BackfillEta;
import dev.caravan.state.RowCounts;
import dev.caravan.state.SyncState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts a run's pages and rows, and logs progress at most every ten seconds. */
final class RunCounter {
    private static final Logger LOGGER = LoggerFactory.getLogger(RunCounter.class);
    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

    private final String syncId;
    private final String phase;
    private final long startedNanos = System.nanoTime();
    private long lastLogNanos = startedNanos;
    private long pages;
    private long read;
    private long added;
    private long changed;
    private long removed;

    RunCounter(String syncId, String phase) {
        this.syncId = syncId;
        this.phase = phase;
    }

    void page(int records, WriteResult result) {
        page(records, result, null);
    }

    /** @param state the sync's state after a backfill page, for progress against the API's total; or null */
    void page(int records, WriteResult result, SyncState state) {
        pages++;
        read += records;
        added += result.added();
        changed += result.changed();
        removed += result.removed();
        long now = System.nanoTime();
        if (now - lastLogNanos >= PROGRESS_EVERY_NANOS) {
            lastLogNanos = now;
            double seconds = (now - startedNanos) / 1e9;
            double rate = read / seconds;
            LOGGER.info("Sync {} {}: {} page(s), {} record(s) so far ({} records/s){}", syncId, phase, pages, read, Math.round(rate),
                    state == null || state.backfillTotal() == null || state.backfillCompleted() ? ""
                            : String.format("; %,d of %,d, about %s to go", state.backfillRecords(), state.backfillTotal(),
                                    BackfillEta.text(BackfillEta.seconds(state.backfillTotal() - state.backfillRecords(), rate))));
        }
    }

    RowCounts counts() {
        return new RowCounts(pages, read, added, changed, removed, 0, 0);
    }
}
