package dev.caravan.runtime;

import dev.caravan.model.LiveConfig;
import dev.caravan.model.ScheduleSpec;
import dev.caravan.model.SyncDefinition;
import dev.caravan.state.PendingRemovals;
import dev.caravan.state.RunHistory;
import dev.caravan.state.SyncRun;
import dev.caravan.state.SyncState;
import dev.caravan.state.SyncStateStore;
import dev.caravan.state.Transactions;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads the state and the last run of syncs for the API and the lag metric.
 * <p>
 * Lag: a poll that starts at time T sees every change made before T, and once it commits they are
 * in PostgreSQL; so the table is complete up to the start of the last successful poll (after a
 * backfill, up to the backfill's start), and the lag is how long ago that was. Its maximum over
 * time, the max lag, is the schedule's interval plus one poll's duration.
 */
public final class SyncStatusService {
    private final LiveConfig config;
    private final DataSource dataSource;
    private final SyncStateStore states;
    private final RunHistory history;
    private final Clock clock;
    private final Predicate<String> paused;
    private final PendingRemovals pendingRemovals;

    public SyncStatusService(LiveConfig config, DataSource dataSource, SyncStateStore states, RunHistory history, Clock clock,
                             Predicate<String> paused, PendingRemovals pendingRemovals) {
        this.pendingRemovals = pendingRemovals;
        this.paused = paused;
        this.config = config;
        this.dataSource = dataSource;
        this.states = states;
        this.history = history;
        this.clock = clock;
    }

    public List<SyncStatus> all() throws SQLException {
        List<SyncStatus> all = new ArrayList<>();
        for (SyncDefinition sync : config.current().syncs()) {
            all.add(status(sync));
        }
        return all;
    }

    public Optional<SyncStatus> one(String id) throws SQLException {
        Optional<SyncDefinition> sync = config.current().sync(id);
        return sync.isEmpty() ? Optional.empty() : Optional.of(status(sync.get()));
    }

    /** Seconds since the table was last known complete, or empty before the first backfill ends. */
    /** Backfill progress of sync {@code id}, empty before its first run. */
    public Optional<SyncStatus.Backfill> backfill(String id) throws SQLException {
        return Optional.ofNullable(state(id)).map(this::backfill);
    }

    public Optional<Double> lagSeconds(String id) throws SQLException {
        return Optional.ofNullable(state(id)).flatMap(this::completeUpTo).map(this::secondsSince);
    }

    private SyncStatus status(SyncDefinition sync) throws SQLException {
        SyncState state = state(sync.id());
        Optional<Instant> complete = state == null ? Optional.empty() : completeUpTo(state);
        return new SyncStatus(sync.id(), sync.isApiSync() ? "api-sync" : "activation", sync.description(), schedule(sync.schedule()),
                paused.test(sync.id()),
                state == null ? (sync.isApiSync() ? "backfill" : null) : state.phase().value(),
                state == null ? null : backfill(state),
                state == null ? null : state.cursorValue(),
                complete.map(Instant::toString).orElse(null),
                complete.map(this::secondsSince).orElse(null),
                history.recent(sync.id(), 1).stream().findFirst().map(SyncStatusService::run).orElse(null),
                pendingRemovals.find(sync.id()).map(SyncStatusService::held).orElse(null));
    }

    private static SyncStatus.HeldRemoval held(PendingRemovals.PendingRemoval removal) {
        return new SyncStatus.HeldRemoval(removal.rows(), removal.limit(), removal.runId(), text(removal.heldAt()), text(removal.approvedAt()),
                removal.sample());
    }

    private SyncState state(String id) throws SQLException {
        return Transactions.inTransaction(dataSource, c -> states.load(c, id).orElse(null));
    }

    private Optional<Instant> completeUpTo(SyncState state) {
        if (state.lastPollStartedAt() != null) {
            return Optional.of(state.lastPollStartedAt());
        }
        return state.backfillCompleted() ? Optional.ofNullable(state.backfillStartedAt()) : Optional.empty();
    }

    private double secondsSince(Instant instant) {
        return Duration.between(instant, clock.instant()).toMillis() / 1000.0;
    }

    private SyncStatus.Backfill backfill(SyncState state) {
        Double rate = null;
        if (state.backfillStartedAt() != null) {
            Instant end = state.backfillFinishedAt() != null ? state.backfillFinishedAt() : clock.instant();
            double seconds = Duration.between(state.backfillStartedAt(), end).toMillis() / 1000.0;
            rate = seconds > 0 ? Math.round(state.backfillRecords() / seconds * 10) / 10.0 : null;
        }
        Double eta = state.backfillCompleted() ? Double.valueOf(0) : state.backfillTotal() == null || rate == null ? null
                : BackfillEta.seconds(state.backfillTotal() - state.backfillRecords(), rate);
        return new SyncStatus.Backfill(state.backfillCompleted(), state.backfillPages(), state.backfillRecords(), state.backfillTotal(),
                text(state.backfillStartedAt()), text(state.backfillFinishedAt()), rate, eta);
    }

    public static Map<String, Object> schedule(ScheduleSpec schedule) {
        if (schedule == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (schedule.every() != null) {
            out.put("every", schedule.every().toString());
        } else {
            out.put("cron", schedule.cron());
            out.put("timezone", schedule.timezone());
        }
        return out;
    }

    public static Map<String, Object> run(SyncRun run) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runId", run.runId());
        out.put("status", run.status().value());
        out.put("trigger", run.trigger());
        out.put("startedAt", text(run.startedAt()));
        out.put("finishedAt", text(run.finishedAt()));
        out.put("rows", Map.of("pages", run.rows().pages(), "read", run.rows().read(), "added", run.rows().added(),
                "changed", run.rows().changed(), "removed", run.rows().removed(), "rejected", run.rows().rejected(),
                "delivered", run.rows().delivered()));
        if (run.errorMessage() != null) {
            out.put("error", run.errorMessage());
        }
        if (run.reconciliation() != null) {
            out.put("reconciliation", run.reconciliation());
        }
        return out;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
