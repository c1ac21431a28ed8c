package dev.caravan.runtime.apisync;

import dev.caravan.connector.destination.postgres.PostgresTableWriter;
import dev.caravan.connector.source.http.Cursors;
import dev.caravan.connector.source.http.HttpSources;
import dev.caravan.connector.source.http.Paginators;
import dev.caravan.model.CaravanConfig;
import dev.caravan.model.DeletesSpec;
import dev.caravan.model.HttpConnection;
import dev.caravan.model.HttpSourceSpec;
import dev.caravan.model.SyncDefinition;
import dev.caravan.model.TableDestination;
import dev.caravan.connector.source.http.SourceException;
import dev.caravan.runtime.RunInterruptedException;
import dev.caravan.runtime.StopSignal;
import dev.caravan.runtime.SyncEngine;
import dev.caravan.state.RowCounts;
import dev.caravan.state.SyncPhase;
import dev.caravan.state.SyncState;
import dev.caravan.state.SyncStateStore;
import dev.caravan.state.Transactions;

import javax.sql.DataSource;

/**
 * Runs API syncs: REST API pages into a PostgreSQL table. A run either continues the backfill
 * (resuming at the stored page) or polls for changes since the stored cursor; see
 * {@link BackfillRun} and {@link PollRun}.
 */
public final class ApiSyncEngine implements SyncEngine {
    private final CaravanConfig config;
    private final DataSource dataSource;
    private final SyncStateStore states;
    private final HttpSources sources;
    private final StopSignal stopSignal;

    public ApiSyncEngine(CaravanConfig config, DataSource dataSource, SyncStateStore states, HttpSources sources, StopSignal stopSignal) {
        this.config = config;
        this.dataSource = dataSource;
        this.states = states;
        this.sources = sources;
        this.stopSignal = stopSignal;
    }

    @Override
    public boolean supports(SyncDefinition sync) {
        return sync.isApiSync() && sync.destination() instanceof TableDestination;
    }

    @Override
    public RowCounts run(SyncDefinition sync, long runId) throws Exception {
        HttpSourceSpec source = (HttpSourceSpec) sync.source();
        HttpConnection connection = (HttpConnection) config.connection(source.connection()).orElseThrow();
        DeletesSpec deletes = source.deletes();
        ApiSyncContext context = new ApiSyncContext(sync.id(), dataSource, states,
                sources.fetcher(connection, source),
                Paginators.of(source.pagination(), connection.baseUrl()),
                new PostgresTableWriter((TableDestination) sync.destination(), source.primaryKey(),
                        deletes.detect() == DeletesSpec.DeleteDetection.FLAG ? deletes.field() : null),
                source.incremental() == null ? null : new Cursors(source.incremental()), stopSignal);
        SyncState state = Transactions.inTransaction(dataSource,
                c -> states.load(c, sync.id()).orElse(SyncState.initial(sync.id())));
        try {
            return state.phase() == SyncPhase.BACKFILL ? new BackfillRun(context).run(state) : new PollRun(context).run(state);
        } catch (SourceException e) {
            if (stopSignal.isStopping()) {
                throw new RunInterruptedException("the runtime is stopping (" + e.getMessage() + "); the next run continues from the committed state",
                        RowCounts.NONE);
            }
            throw e;
        }
    }
}
