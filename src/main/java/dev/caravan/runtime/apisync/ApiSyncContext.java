package dev.caravan.runtime.apisync;

import dev.caravan.connector.destination.postgres.PostgresTableWriter;
import dev.caravan.connector.source.http.Cursors;
import dev.caravan.connector.source.http.Endpoint;
import dev.caravan.connector.source.http.HttpPageFetcher;
import dev.caravan.model.TotalSpec;
import dev.caravan.runtime.RunInterruptedException;
import dev.caravan.runtime.StopSignal;
import dev.caravan.state.SyncStateStore;

import javax.sql.DataSource;

/**
 * Everything one run of an API sync works with: the endpoints it reads ({@code backfill}, {@code poll}
 * and the {@code deletes} check's), and how it writes. {@code cursors} is null when the source is not
 * incremental; {@code total} is null when the API reports no record count.
 */
record ApiSyncContext(
        String syncId,
        DataSource dataSource,
        SyncStateStore states,
        HttpPageFetcher fetcher,
        Endpoint backfill,
        Endpoint poll,
        Endpoint deletes,
        PostgresTableWriter writer,
        Cursors cursors,
        TotalSpec total,
        StopSignal stopSignal) {

    /** Ends the run after a committed page when the runtime is stopping; the next run resumes. */
    void checkNotStopping(RunCounter counter, String resumeNote) {
        if (stopSignal.isStopping()) {
            throw new RunInterruptedException("the runtime is stopping; " + resumeNote, counter.counts());
        }
    }
}
