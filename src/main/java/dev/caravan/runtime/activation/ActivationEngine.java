package dev.caravan.runtime.activation;

import dev.caravan.connector.destination.http.HttpRowSender;
import dev.caravan.connector.http.Backoff;
import dev.caravan.connector.http.HttpConnections;
import dev.caravan.connector.http.RetryPolicy;
import dev.caravan.model.LiveConfig;
import dev.caravan.model.HttpConnection;
import dev.caravan.model.HttpDestination;
import dev.caravan.model.SqlSourceSpec;
import dev.caravan.model.SyncDefinition;
import dev.caravan.model.TableDestination;
import dev.caravan.runtime.StopSignal;
import dev.caravan.runtime.SyncEngine;
import dev.caravan.state.PendingRemovals;
import dev.caravan.state.RowCounts;
import dev.caravan.state.SyncStateStore;

import javax.sql.DataSource;
import java.util.Optional;

/**
 * Runs activations: a SQL model on the runtime's database, diffed against what the destination
 * last confirmed, with the changes sent to a REST API on the connection's shared client and budget,
 * or written into a table of the runtime's database.
 */
public final class ActivationEngine implements SyncEngine {
    private final LiveConfig config;
    private final DataSource dataSource;
    private final SyncStateStore states;
    private final HttpConnections connections;
    private final RetryPolicy retry;
    private final StopSignal stopSignal;
    private final PendingRemovals pendingRemovals;

    public ActivationEngine(LiveConfig config, DataSource dataSource, SyncStateStore states, HttpConnections connections, RetryPolicy retry,
                            StopSignal stopSignal, PendingRemovals pendingRemovals) {
        this.pendingRemovals = pendingRemovals;
        this.config = config;
        this.dataSource = dataSource;
        this.states = states;
        this.connections = connections;
        this.retry = retry;
        this.stopSignal = stopSignal;
    }

    @Override
    public boolean supports(SyncDefinition sync) {
        return sync.source() instanceof SqlSourceSpec && (sync.destination() instanceof HttpDestination || sync.destination() instanceof TableDestination);
    }

    /**
     * What the next run of {@code sync} would send; nothing is sent and nothing moves.
     *
     * @return empty when {@code sync} is not an activation to a REST API
     */
    public Optional<Object> dryRun(SyncDefinition sync) throws Exception {
        if (!(sync.source() instanceof SqlSourceSpec) || !(sync.destination() instanceof HttpDestination)) {
            return Optional.empty();
        }
        return Optional.of(DryRun.of(sync.id(), (SqlSourceSpec) sync.source(), (HttpDestination) sync.destination(), dataSource));
    }

    @Override
    public RowCounts run(SyncDefinition sync, long runId) throws Exception {
        SqlSourceSpec source = (SqlSourceSpec) sync.source();
        ActivationRun.Targets targets;
        ActivationRun.RemovalGuard guard = null;
        if (sync.destination() instanceof TableDestination table) {
            targets = (transaction, confirmations) -> new TableChanges(sync.id(), table, source.primaryKey(), transaction);
        } else {
            HttpDestination destination = (HttpDestination) sync.destination();
            HttpConnection connection = (HttpConnection) config.current().connection(destination.connection()).orElseThrow();
            HttpRowSender sender = new HttpRowSender(connection, connections.client(connection), connections.limiter(connection),
                    connections.authenticator(connection), retry, new Backoff(connection, stopSignal::isStopping), connections.traffic(sync.id()));
            targets = (transaction, confirmations) -> new HttpChanges(sync.id(), runId, destination, sender, confirmations);
            if (destination.mode() == HttpDestination.HttpWriteMode.MIRROR) {
                guard = new ActivationRun.RemovalGuard(destination.maxRemove(), pendingRemovals, runId);
            }
        }
        return new ActivationRun(sync.id(), source, targets, dataSource, states, stopSignal, guard).run();
    }
}
