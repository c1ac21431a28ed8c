package dev.caravan.runtime.apisync;

import dev.caravan.connector.destination.postgres.PostgresTableWriter;
import dev.caravan.connector.destination.postgres.TableKeys;
import dev.caravan.connector.source.http.Cursors;
import dev.caravan.connector.source.http.Endpoint;
import dev.caravan.connector.source.http.Endpoints;
import dev.caravan.connector.source.http.HttpPageFetcher;
import dev.caravan.model.TotalSpec;
import dev.caravan.runtime.ReconciliationCounters;
import dev.caravan.runtime.RunInterruptedException;
import dev.caravan.runtime.StopSignal;
import dev.caravan.state.PendingRemovals;
import dev.caravan.state.ScanSuspects;
import dev.caravan.state.SyncStateStore;

import javax.sql.DataSource;

/**
 * Everything one run of an API sync works with: the endpoints it reads ({@code backfill}, {@code poll},
 * the {@code deletes} check's, and lookups by key), how it writes, and where key scans keep their
 * suspects and held removals. {@code cursors} is null when the source is not incremental;
 * {@code total} is null when the API reports no record count.
 */
record ApiSyncContext(
        String syncId,
        DataSource dataSource,
        SyncStateStore states,
        HttpPageFetcher fetcher,
        Endpoint backfill,
        Endpoint poll,
        Endpoint deletes,
        Endpoints endpoints,
        PostgresTableWriter writer,
        TableKeys keys,
        Cursors cursors,
        TotalSpec total,
        ScanSuspects suspects,
        PendingRemovals pendingRemovals,
        ReconciliationCounters counters,
        StopSignal stopSignal) {

    /** Ends the run after a committed page when the runtime is stopping; the next run resumes. */
    void checkNotStopping(RunCounter counter, String resumeNote) {
        if (stopSignal.isStopping()) {
            throw new RunInterruptedException("the runtime is stopping; " + resumeNote, counter.counts());
        }
    }
}
