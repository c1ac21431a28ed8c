package dev.caravan.runtime.alert;

import dev.caravan.model.ChannelDefinition;
import dev.caravan.model.LiveConfig;
import dev.caravan.model.SyncAlertSpec;
import dev.caravan.model.SyncDefinition;
import dev.caravan.runtime.SyncRunner;
import dev.caravan.runtime.SyncStatus;
import dev.caravan.runtime.SyncStatusService;
import dev.caravan.state.PendingRemovals;
import dev.caravan.state.RowCounts;
import dev.caravan.state.RunHistory;
import dev.caravan.state.RunStatus;
import dev.caravan.state.SyncRun;
import dev.caravan.state.jdbc.JdbcAlertStates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alerts about single syncs, for those with {@code alerts:}: the first backfill completed (with
 * its counts and duration); {@code failures} runs failed in a row, and the first success after;
 * lag above {@code lag}, and back under it; a run rejecting more than {@code rejected} rows, and
 * the first run back within it; a removal held for exceeding {@code maxRemove}, and its resolution. Each is sent once per change of state ({@code caravan.alert_states}),
 * so a sync that stays broken alerts once. Lag is also checked between runs ({@link #checkLag}),
 * since a sync whose runs stopped lags more with every minute.
 */
public final class SyncAlerts implements SyncRunner.Observer {
    private static final Logger LOGGER = LoggerFactory.getLogger(SyncAlerts.class);
    private static final String BAD = "bad";
    private static final String GOOD = "good";

    private final LiveConfig config;
    private final JdbcAlertStates states;
    private final AlertChannels channels;
    private final SyncStatusService statuses;
    private final RunHistory history;
    private final PendingRemovals pendingRemovals;

    public SyncAlerts(LiveConfig config, JdbcAlertStates states, AlertChannels channels, SyncStatusService statuses, RunHistory history,
                      PendingRemovals pendingRemovals) {
        this.pendingRemovals = pendingRemovals;
        this.config = config;
        this.states = states;
        this.channels = channels;
        this.statuses = statuses;
        this.history = history;
    }

    @Override
    public void syncRunFinished(String syncId, RunStatus status, RowCounts rows, Duration took) {
        Optional<SyncDefinition> sync = config.current().sync(syncId).filter(s -> s.alerts() != null);
        if (sync.isEmpty() || status == RunStatus.INTERRUPTED) {
            return;
        }
        try {
            SyncAlertSpec alerts = sync.get().alerts();
            List<SyncRun> recent = history.recent(syncId, alerts.failures());
            long runId = recent.isEmpty() ? 0 : recent.get(0).runId();
            failures(sync.get(), alerts, recent, runId);
            if (status == RunStatus.SUCCEEDED && alerts.rejected() != null) {
                boolean over = rows.rejected() > alerts.rejected();
                transition(sync.get(), "rejected", over, runId, status, "sync.rejected", "Sync " + syncId + " rejected " + rows.rejected()
                        + " row(s) in run " + runId + ", more than " + alerts.rejected(), "sync.rejected.recovered", "Sync " + syncId
                        + " is back within " + alerts.rejected() + " rejected row(s) (run " + runId + ": " + rows.rejected() + ")",
                        Map.of("rejected", rows.rejected(), "threshold", alerts.rejected()));
            }
            removalsHeld(sync.get(), runId);
            if (sync.get().isApiSync()) {
                firstBackfill(sync.get(), runId, took);
                checkLag(sync.get());
            }
        } catch (Exception e) {
            LOGGER.warn("Alerts for sync {} could not be evaluated: {}", syncId, e.toString());
        }
    }

    /** Checks the lag of every sync that watches it; called between runs too. */
    public void checkLag() {
        for (SyncDefinition sync : config.current().syncs()) {
            if (sync.alerts() != null && sync.alerts().lag() != null && sync.isApiSync()) {
                try {
                    checkLag(sync);
                } catch (Exception e) {
                    LOGGER.warn("Lag of sync {} could not be checked: {}", sync.id(), e.toString());
                }
            }
        }
    }

    private void checkLag(SyncDefinition sync) throws Exception {
        Duration threshold = sync.alerts().lag() == null ? null : sync.alerts().lag().duration();
        Optional<Double> lag = statuses.lagSeconds(sync.id());
        if (threshold == null || lag.isEmpty()) {
            return;
        }
        boolean over = lag.get() > threshold.toMillis() / 1000.0;
        String seconds = String.format("%.1f s", lag.get());
        transition(sync, "lag", over, 0, null, "sync.lagging", "Sync " + sync.id() + " lags " + seconds + ", more than " + threshold.toSeconds() + " s",
                "sync.lag.recovered", "Sync " + sync.id() + " lag is back to " + seconds, Map.of("lagSeconds", lag.get(), "thresholdSeconds", threshold.toSeconds()));
    }

    private void removalsHeld(SyncDefinition sync, long runId) {
        Optional<PendingRemovals.PendingRemoval> held = pendingRemovals.find(sync.id()).filter(p -> !p.approved());
        long rows = held.map(PendingRemovals.PendingRemoval::rows).orElse(0L);
        transition(sync, "removals", held.isPresent(), runId, null, "sync.removals.held", "Sync " + sync.id() + " holds the removal of " + rows
                + " row(s), more than its maxRemove of " + held.map(PendingRemovals.PendingRemoval::limit).orElse(0L)
                + "; approve or reject it (POST /api/syncs/" + sync.id() + "/removals/approve or /reject)", "sync.removals.resolved",
                "Sync " + sync.id() + " holds no removal any more", Map.of("rows", rows));
    }

    private void failures(SyncDefinition sync, SyncAlertSpec alerts, List<SyncRun> recent, long runId) {
        boolean failing = recent.size() >= alerts.failures() && recent.stream().allMatch(run -> run.status() == RunStatus.FAILED);
        boolean succeeded = !recent.isEmpty() && recent.get(0).status() == RunStatus.SUCCEEDED;
        if (!failing && !succeeded) {
            return;
        }
        String reason = recent.isEmpty() ? null : recent.get(0).errorMessage();
        transition(sync, "failures", failing, runId, recent.get(0).status(), "sync.failing", "Sync " + sync.id() + " failed " + alerts.failures()
                + " run(s) in a row; the last (run " + runId + "): " + reason, "sync.recovered", "Sync " + sync.id() + " recovered: run " + runId
                + " succeeded", Map.of("failuresInARow", failing ? alerts.failures() : 0));
    }

    private void firstBackfill(SyncDefinition sync, long runId, Duration took) throws Exception {
        Optional<SyncStatus.Backfill> backfill = statuses.backfill(sync.id());
        if (backfill.isEmpty() || !backfill.get().completed() || backfill.get().finishedAt() == null) {
            return;
        }
        // the run that just ended completed it (not one before this feature was turned on)
        Instant finished = Instant.parse(backfill.get().finishedAt());
        if (finished.isBefore(Instant.now().minus(took).minusSeconds(1))) {
            return;
        }
        if (states.replace("sync/" + sync.id() + "/backfill", "completed").isPresent()) {
            return;
        }
        Duration duration = Duration.between(Instant.parse(backfill.get().startedAt()), finished);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("records", backfill.get().records());
        details.put("pages", backfill.get().pages());
        details.put("durationSeconds", duration.toMillis() / 1000.0);
        send(sync, new Alert("sync.backfill.completed", "sync", sync.id(), runId, RunStatus.SUCCEEDED.value(), null, "Sync " + sync.id()
                + " completed its first backfill: " + backfill.get().records() + " record(s) in " + backfill.get().pages() + " page(s), "
                + duration.toSeconds() + " s", details));
    }

    /** Sends {@code badEvent} when the condition turns bad, {@code goodEvent} when it turns good again; nothing otherwise. */
    private void transition(SyncDefinition sync, String condition, boolean bad, long runId, RunStatus status, String badEvent, String badText,
                            String goodEvent, String goodText, Map<String, Object> details) {
        Turn turn = Turn.of(states, "sync/" + sync.id() + "/" + condition, bad, BAD, GOOD);
        if (turn != Turn.NONE) {
            send(sync, new Alert(turn == Turn.BAD ? badEvent : goodEvent, "sync", sync.id(), runId, status == null ? null : status.value(), null,
                    turn == Turn.BAD ? badText : goodText, details));
        }
    }

    private void send(SyncDefinition sync, Alert alert) {
        List<ChannelDefinition> chosen = config.current().channels().stream().filter(c -> sync.alerts().channels().contains(c.id())).toList();
        channels.send(alert, chosen);
    }
}
