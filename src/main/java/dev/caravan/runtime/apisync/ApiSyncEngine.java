package dev.caravan.runtime.apisync;

import dev.caravan.connector.destination.postgres.PostgresTableWriter;
import dev.caravan.connector.http.HttpException;
import dev.caravan.connector.source.http.Cursors;
import dev.caravan.connector.source.http.HttpSources;
import dev.caravan.connector.source.http.Endpoints;
import dev.caravan.model.LiveConfig;
import dev.caravan.model.DeletesSpec;
import dev.caravan.model.HttpConnection;
import dev.caravan.model.HttpSourceSpec;
import dev.caravan.model.SyncDefinition;
import dev.caravan.model.TableDestination;
import dev.caravan.runtime.RunInterruptedException;
import dev.caravan.runtime.StopSignal;
import dev.caravan.runtime.SyncEngine;
import dev.caravan.state.RowCounts;
import dev.caravan.state.SyncPhase;
import dev.caravan.state.SyncState;
import dev.caravan.state.SyncStateStore;
import dev.caravan.state.Transactions;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs API syncs: REST API pages into a PostgreSQL table. A run either continues the backfill
 * (resuming at the stored page) or polls for changes since the stored cursor; see
 * {@link BackfillRun} and {@link PollRun}.
 */
public final class ApiSyncEngine implements SyncEngine {
    private final LiveConfig config;
    private final DataSource dataSource;
    private final SyncStateStore states;
    private final HttpSources sources;
    private final StopSignal stopSignal;
    private final SyncRedefinitions definitions;

    public ApiSyncEngine(LiveConfig config, DataSource dataSource, SyncStateStore states, HttpSources sources, StopSignal stopSignal,
                         SyncRedefinitions definitions) {
        this.definitions = definitions;
        this.config = config;
        this.dataSource = dataSource;
        this.states = states;
        this.sources = sources;
        this.stopSignal = stopSignal;
    }

    /**
     * In mirror mode, a key scan or a walk of the deleted list is due when deletes are detected that
     * way and the last one is older than {@code every}.
     */
    private static boolean keyScanDue(DeletesSpec deletes, SyncState state) {
        boolean periodic = deletes.detect() == DeletesSpec.DeleteDetection.FULL_SCAN || deletes.detect() == DeletesSpec.DeleteDetection.LIST;
        if (!periodic || state.phase() != SyncPhase.INCREMENTAL) {
            return false;
        }
        Duration every = deletes.every() != null ? deletes.every().duration() : Duration.ofHours(1);
        return state.lastKeyScanAt() == null || state.lastKeyScanAt().plus(every).isBefore(Instant.now());
    }

    @Override
    public boolean supports(SyncDefinition sync) {
        return sync.isApiSync() && sync.destination() instanceof TableDestination;
    }

    @Override
    public RowCounts run(SyncDefinition sync, long runId) throws Exception {
        HttpSourceSpec source = (HttpSourceSpec) sync.source();
        HttpConnection connection = (HttpConnection) config.current().connection(source.connection()).orElseThrow();
        DeletesSpec deletes = source.deletes();
        Endpoints endpoints = new Endpoints(source, connection.baseUrl());
        ApiSyncContext context = new ApiSyncContext(sync.id(), dataSource, states,
                sources.fetcher(sync.id(), connection, source), endpoints.backfill(), endpoints.poll(), endpoints.deletes(),
                new PostgresTableWriter((TableDestination) sync.destination(), source.primaryKey(), deletes.field()),
                source.incremental() == null ? null : new Cursors(source.incremental()), source.total(), stopSignal);
        definitions.backfillIfRedefined(sync);
        SyncState state = Transactions.inTransaction(dataSource,
                c -> states.load(c, sync.id()).orElse(SyncState.initial(sync.id())));
        try {
            if (state.phase() == SyncPhase.BACKFILL) {
                return new BackfillRun(context).run(state);
            }
            PollRun.Outcome poll = new PollRun(context, source.incremental()).run(state);
            RowCounts polled = poll.counts();
            SyncState afterPoll = poll.state();
            if (((TableDestination) sync.destination()).mode() != TableDestination.TableMode.MIRROR || !keyScanDue(deletes, afterPoll)) {
                return polled;
            }
            RowCounts scanned = new KeyScanRun(context, source.primaryKey(), deletes).run(afterPoll);
            return new RowCounts(polled.pages() + scanned.pages(), polled.read(), polled.added(), polled.changed(),
                    polled.removed() + scanned.removed(), 0, 0);
        } catch (HttpException e) {
            if (stopSignal.isStopping()) {
                throw new RunInterruptedException("the runtime is stopping (" + e.getMessage() + "); the next run continues from the committed state",
                        RowCounts.NONE);
            }
            throw e;
        }
    }
}
