package dev.caravan.runtime.apisync;

import dev.caravan.connector.destination.postgres.PostgresTableWriter;
import dev.caravan.connector.destination.postgres.TableKeys;
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
import dev.caravan.runtime.ReconciliationCounters;
import dev.caravan.runtime.RunInterruptedException;
import dev.caravan.runtime.StopSignal;
import dev.caravan.runtime.SyncEngine;
import dev.caravan.state.PendingRemovals;
import dev.caravan.state.Reconciliation;
import dev.caravan.state.RowCounts;
import dev.caravan.state.RunHistory;
import dev.caravan.state.ScanSuspects;
import dev.caravan.state.SyncPhase;
import dev.caravan.state.SyncState;
import dev.caravan.state.SyncStateStore;
import dev.caravan.state.Transactions;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs API syncs: REST API pages into a PostgreSQL table. A run either continues the backfill
 * (resuming at the stored page) or polls for changes since the stored cursor, then runs a key scan
 * when one is due; see {@link BackfillRun}, {@link PollRun} and {@link KeyScanRun}. Each run
 * records what it proved about the table in run history ({@link Reconciliation}).
 */
public final class ApiSyncEngine implements SyncEngine {
    private final LiveConfig config;
    private final DataSource dataSource;
    private final SyncStateStore states;
    private final HttpSources sources;
    private final StopSignal stopSignal;
    private final SyncRedefinitions definitions;
    private final Reconciling reconciling;

    /** Where key scans keep what they found, and where each run's reconciliation goes. */
    public record Reconciling(ScanSuspects suspects, PendingRemovals pendingRemovals, RunHistory history, ReconciliationCounters counters) {
    }

    public ApiSyncEngine(LiveConfig config, DataSource dataSource, SyncStateStore states, HttpSources sources, StopSignal stopSignal,
                         SyncRedefinitions definitions, Reconciling reconciling) {
        this.definitions = definitions;
        this.config = config;
        this.dataSource = dataSource;
        this.states = states;
        this.sources = sources;
        this.stopSignal = stopSignal;
        this.reconciling = reconciling;
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
        TableDestination destination = (TableDestination) sync.destination();
        Endpoints endpoints = new Endpoints(source, connection.baseUrl());
        ApiSyncContext context = new ApiSyncContext(sync.id(), dataSource, states, sources.fetcher(sync.id(), connection, source),
                endpoints.backfill(), endpoints.poll(), endpoints.deletes(), endpoints,
                new PostgresTableWriter(destination, source.primaryKey(), deletes.field()), new TableKeys(destination, source.primaryKey()),
                source.incremental() == null ? null : new Cursors(source.incremental()), source.total(), reconciling.suspects(),
                reconciling.pendingRemovals(), reconciling.counters(), stopSignal);
        definitions.backfillIfRedefined(sync);
        SyncState state = Transactions.inTransaction(dataSource,
                c -> states.load(c, sync.id()).orElse(SyncState.initial(sync.id())));
        try {
            if (state.phase() == SyncPhase.BACKFILL) {
                RowCounts backfilled = new BackfillRun(context).run(state);
                reconcile(runId, Reconciliation.written(backfilled.added() + backfilled.changed() + backfilled.removed()));
                return backfilled;
            }
            boolean mirror = destination.mode() == TableDestination.TableMode.MIRROR;
            long approvedRemovals = mirror ? applyApprovedRemoval(context, deletes) : 0;
            PollRun.Outcome poll = new PollRun(context, source.incremental()).run(state);
            RowCounts polled = poll.counts();
            Reconciliation polledRecord = Reconciliation.poll(polled.added() + polled.changed() + polled.removed(), poll.signs(), approvedRemovals);
            if (!mirror || !keyScanDue(deletes, poll.state())) {
                reconcile(runId, polledRecord);
                return new RowCounts(polled.pages(), polled.read(), polled.added(), polled.changed(), polled.removed() + approvedRemovals, 0, 0);
            }
            KeyScanRun.Outcome scanned = new KeyScanRun(context, deletes).run(poll.state(), runId);
            reconcile(runId, scanned.reconciliation() != null ? scanned.reconciliation().afterPoll(polledRecord) : polledRecord);
            RowCounts counts = scanned.counts();
            return new RowCounts(polled.pages() + counts.pages(), polled.read(), polled.added() + counts.added(), polled.changed(),
                    polled.removed() + counts.removed() + approvedRemovals, 0, 0);
        } catch (HttpException e) {
            if (stopSignal.isStopping()) {
                throw new RunInterruptedException("the runtime is stopping (" + e.getMessage() + "); the next run continues from the committed state",
                        RowCounts.NONE);
            }
            throw e;
        }
    }

    /** A held removal an operator approved is carried out at the start of the sync's next run. */
    private long applyApprovedRemoval(ApiSyncContext context, DeletesSpec deletes) throws Exception {
        boolean approved = reconciling.pendingRemovals().find(context.syncId()).filter(PendingRemovals.PendingRemoval::approved).isPresent();
        return approved ? new ScanRemovals(context, deletes).applyApproved() : 0;
    }

    private void reconcile(long runId, Reconciliation reconciliation) {
        if (runId > 0) {
            reconciling.history().reconcile(runId, reconciliation);
        }
    }
}
