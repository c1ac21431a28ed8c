package dev.caravan.runtime.activation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.model.SqlSourceSpec;
import dev.caravan.model.RemovalLimit;
import dev.caravan.runtime.RemovalsHeldException;
import dev.caravan.runtime.RunInterruptedException;
import dev.caravan.state.PendingRemovals;
import dev.caravan.runtime.StopSignal;
import dev.caravan.state.RowCounts;
import dev.caravan.state.SyncState;
import dev.caravan.state.SyncStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * One run of an activation: check the model's keys, diff it against the snapshot, and hand each
 * change the destination's mode calls for to its {@link ChangeTarget}, which delivers it and moves
 * the snapshot for what was confirmed.
 */
final class ActivationRun {
    private static final Logger LOGGER = LoggerFactory.getLogger(ActivationRun.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

    /** Opens the run's target: {@code transaction} holds the diff, {@code confirmations} is a connection of its own. */
    interface Targets {
        ChangeTarget open(Connection transaction, Connection confirmations) throws SQLException;
    }

    private final String syncId;
    private final SqlSourceSpec source;
    private final Targets targets;
    private final DataSource dataSource;
    private final SyncStateStore states;
    private final StopSignal stopSignal;
    private long read;
    private long added;
    private long changed;
    private long removed;

    /** A mirror's guard: the most removals one run may send without approval, and where a larger one waits. */
    record RemovalGuard(RemovalLimit limit, PendingRemovals pending, long runId) {
    }

    private final RemovalGuard guard;

    /** @param guard null when the destination removes nothing (not mirror mode) */
    ActivationRun(String syncId, SqlSourceSpec source, Targets targets, DataSource dataSource, SyncStateStore states, StopSignal stopSignal,
                  RemovalGuard guard) {
        this.guard = guard;
        this.syncId = syncId;
        this.source = source;
        this.targets = targets;
        this.dataSource = dataSource;
        this.states = states;
        this.stopSignal = stopSignal;
    }

    RowCounts run() throws Exception {
        try (Connection model = dataSource.getConnection(); Connection confirmations = dataSource.getConnection()) {
            model.setAutoCommit(false);
            confirmations.setAutoCommit(false);
            boolean firstRun = states.load(confirmations, syncId).isEmpty();
            confirmations.commit();
            ModelDiff diff = new ModelDiff(source);
            long started = System.nanoTime();
            read = diff.check(model);
            long checked = System.nanoTime();
            if (firstRun && source.initial() == SqlSourceSpec.InitialRun.BASELINE) {
                diff.baseline(model, syncId);
                model.commit();
                completed(confirmations);
                LOGGER.info("Activation {}: baseline of {} row(s) recorded; nothing sent", syncId, read);
                return RowCounts.NONE.withRead(read);
            }
            boolean settlesHold = guardRemovals(diff, model, confirmations);
            try (ChangeTarget target = targets.open(model, confirmations); PreparedStatement query = diff.changes(model, syncId);
                 ResultSet changes = query.executeQuery()) {
                long lastLog = System.nanoTime();
                while (changes.next()) {
                    send(Change.of(changes.getString(1)), changes.getString(2), changes.getString(3), changes.getString(4), target);
                    if (System.nanoTime() - lastLog >= PROGRESS_EVERY_NANOS) {
                        lastLog = System.nanoTime();
                        LOGGER.info("Activation {}: {} delivered, {} rejected so far", syncId, target.delivered(), target.rejected());
                    }
                    if (stopSignal.isStopping()) {
                        target.finish();
                        model.commit();
                        throw new RunInterruptedException("the runtime is stopping; rows not yet confirmed go on the next run", counts(target));
                    }
                }
                target.finish();
                model.commit();
                if (firstRun) {
                    completed(confirmations);
                }
                if (settlesHold) {
                    guard.pending().clear(confirmations, syncId);
                    if (!confirmations.getAutoCommit()) {
                        confirmations.commit();
                    }
                }
                LOGGER.info("Activation {}: {} row(s) in the model (keys checked in {} ms); {} added, {} changed, {} removed; {} delivered, "
                        + "{} rejected; diff and delivery took {} ms", syncId, read, (checked - started) / 1_000_000, added, changed, removed,
                        target.delivered(), target.rejected(), (System.nanoTime() - checked) / 1_000_000);
                return counts(target);
            }
        }
    }

    /**
     * Ends the run before anything is sent when the diff removes more rows than {@code maxRemove}
     * allows and no operator approved it. Returns whether a held removal is settled by this run
     * (approved, or no longer over the limit), so the run forgets it once it has sent its changes.
     */
    private boolean guardRemovals(ModelDiff diff, Connection model, Connection confirmations) throws SQLException {
        if (guard == null) {
            return false;
        }
        ModelDiff.Removals removals = diff.removals(model, syncId);
        long limit = guard.limit().of(removals.snapshot());
        Optional<PendingRemovals.PendingRemoval> held = guard.pending().find(syncId);
        if (removals.removed() <= limit) {
            return held.isPresent();
        }
        if (held.filter(PendingRemovals.PendingRemoval::approved).isPresent()) {
            LOGGER.info("Activation {}: sending {} approved removal(s)", syncId, removals.removed());
            return true;
        }
        guard.pending().hold(confirmations, new PendingRemovals.PendingRemoval(syncId, guard.runId(), removals.removed(), limit, removals.sample(),
                null, null));
        confirmations.commit();
        model.rollback();
        // nothing was sent: the counts say what the model holds, not removals that did not happen
        throw new RemovalsHeldException("the diff removes " + removals.removed() + " of " + removals.snapshot() + " row(s), more than maxRemove allows ("
                + limit + "); nothing was sent. Review the plan with the dry run (POST /api/syncs/" + syncId + "/dry-run), then approve "
                + "(POST /api/syncs/" + syncId + "/removals/approve) or reject it", RowCounts.NONE.withRead(read));
    }

    private void send(Change change, String key, String hash, String rowJson, ChangeTarget target) throws Exception {
        switch (change) {
            case ADDED -> added++;
            case CHANGED -> changed++;
            case REMOVED -> removed++;
        }
        if (target.wants(change)) {
            target.accept(change, key, hash, rowJson != null ? (ObjectNode) JSON.readTree(rowJson) : ModelDiff.keyRow(key, source));
        }
    }

    private void completed(Connection connection) throws SQLException {
        states.save(connection, SyncState.initial(syncId).backfillCompleted(null, Instant.now()));
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private RowCounts counts(ChangeTarget target) {
        return new RowCounts(0, read, added, changed, removed, target.rejected(), target.delivered());
    }
}
