package dev.caravan.runtime;

import dev.caravan.model.LiveConfig;
import dev.caravan.model.SyncDefinition;
import dev.caravan.state.RowCounts;
import dev.caravan.state.RunHistory;
import dev.caravan.state.RunStatus;
import dev.caravan.state.jdbc.JdbcSyncSwitches;
import dev.caravan.state.jdbc.StateStoreException;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs syncs and records every run in run history. Sync routes ({@code direct:sync-<id>}) call
 * {@link #run}, which returns when the run ends and rethrows a failure so a calling sequence sees
 * it; the API calls {@link #submit}, which queues the run and returns its id at once. One run of a
 * sync at a time: a second request waits for the first, in this process (a lock) and across
 * runtimes on one database (a lease).
 */
public final class SyncRunner {
    public static final String SYNC_ID_HEADER = "CaravanSyncId";
    public static final String TRIGGER_HEADER = "CaravanTrigger";
    public static final String SEQUENCE_RUN_HEADER = "CaravanSequenceRunId";
    private static final int RECORD_ATTEMPTS = 60;
    private static final Set<String> AUTOMATIC_TRIGGERS = Set.of("schedule", "webhook");
    private static final Logger LOGGER = LoggerFactory.getLogger(SyncRunner.class);

    private final LiveConfig config;
    private final RunHistory history;
    private final List<SyncEngine> engines;
    private final ExecutorService submitted;
    private final Map<String, ReentrantLock> running = new ConcurrentHashMap<>();
    private final JdbcSyncSwitches switches;
    private final SyncPauses pauses;
    private final Observer observer;
    private final RunLeases leases;

    /** Told of every sync run that ended, for metrics. */
    @FunctionalInterface
    public interface Observer {
        void syncRunFinished(String syncId, RunStatus status, RowCounts rows, Duration took);
    }

    public SyncRunner(LiveConfig config, RunHistory history, List<SyncEngine> engines, ExecutorService submitted, JdbcSyncSwitches switches,
                      SyncPauses pauses, Observer observer, RunLeases leases) {
        this.observer = observer;
        this.leases = leases;
        this.pauses = pauses;
        this.config = config;
        this.history = history;
        this.engines = List.copyOf(engines);
        this.submitted = submitted;
        this.switches = switches;
    }

    /** A paused sync's schedule and webhooks do not start it; runs asked for (API, sequences) still do. */
    public void setPaused(String syncId, boolean pause) {
        pauses.set(sync(syncId).id(), pause);
    }

    /**
     * Queues a run that first forgets where the sync stands (progress, cursor, snapshot), so it
     * backfills, or resends, everything; waits for a run in progress first. Returns the run id.
     */
    public long submitFromScratch(String syncId) {
        return submit(syncId, "backfill", () -> {
            switches.forget(syncId);
            LOGGER.info("Sync {}: progress, cursor and snapshot forgotten; this run starts from scratch", syncId);
        });
    }

    /** Runs sync {@code syncId} once and waits for it; returns the run id. Inside a sequence the run records the sequence run. */
    public long run(@Header(SYNC_ID_HEADER) String syncId, @Header(TRIGGER_HEADER) String trigger,
                    @Header(SEQUENCE_RUN_HEADER) Long sequenceRunId) throws Exception {
        SyncDefinition sync = sync(syncId);
        if (skippedWhilePaused(syncId, trigger)) {
            return 0;
        }
        long runId = history.queue(syncId, trigger == null ? "manual" : trigger, sequenceRunId);
        execute(sync, runId, trigger, () -> { });
        return runId;
    }

    /** Queues a run of {@code syncId} and returns its id (0 when a paused sync skips it); the run starts in the background. */
    public long submit(String syncId, String trigger) {
        return skippedWhilePaused(syncId, trigger) ? 0 : submit(syncId, trigger, () -> { });
    }

    private boolean skippedWhilePaused(String syncId, String trigger) {
        if (trigger != null && AUTOMATIC_TRIGGERS.contains(trigger) && pauses.isPaused(syncId)) {
            LOGGER.debug("Sync {} is paused: {} run skipped", syncId, trigger);
            return true;
        }
        return false;
    }

    private long submit(String syncId, String trigger, Runnable beforeRun) {
        SyncDefinition sync = sync(syncId);
        long runId = history.queue(syncId, trigger, null);
        submitted.submit(() -> {
            try {
                execute(sync, runId, trigger, beforeRun);
            } catch (Exception e) {
                LOGGER.debug("Submitted run {} of sync {} ended with {}", runId, syncId, e.toString());
            }
        });
        return runId;
    }

    private SyncDefinition sync(String syncId) {
        return config.current().sync(syncId).orElseThrow(() -> new IllegalArgumentException("no sync '" + syncId + "'"));
    }

    private void execute(SyncDefinition sync, long runId, String trigger, Runnable beforeRun) throws Exception {
        ReentrantLock lock = running.computeIfAbsent(sync.id(), id -> new ReentrantLock());
        lock.lock();
        try (RunLeases.Held lease = leases.acquire("sync:" + sync.id())) {
            beforeRun.run();
            executeExclusively(sync, runId, trigger);
        } finally {
            lock.unlock();
        }
    }

    private void executeExclusively(SyncDefinition sync, long runId, String trigger) throws Exception {
        try (MDC.MDCCloseable ignored = MDC.putCloseable("sync", sync.id()); MDC.MDCCloseable ignoredRun = MDC.putCloseable("syncRun", Long.toString(runId))) {
            executeLogged(sync, runId, trigger);
        }
    }

    private void executeLogged(SyncDefinition sync, long runId, String trigger) throws Exception {
        String syncId = sync.id();
        history.start(runId);
        LOGGER.info("Sync {} run {} started ({})", syncId, runId, trigger == null ? "manual" : trigger);
        long started = System.nanoTime();
        RunStatus status;
        RowCounts rows;
        Exception failure = null;
        try {
            rows = engineFor(sync).run(sync, runId);
            status = RunStatus.SUCCEEDED;
        } catch (RunEndedEarlyException e) {
            rows = e.counts();
            status = e.status();
            failure = e;
        } catch (Exception e) {
            rows = RowCounts.NONE;
            status = RunStatus.FAILED;
            failure = e;
        }
        recordEnd(runId, status, rows, failure);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        observer.syncRunFinished(syncId, status, rows, took);
        switch (status) {
            case SUCCEEDED -> LOGGER.info("Sync {} run {} succeeded in {} ms: {}", syncId, runId, took.toMillis(), rows);
            case INTERRUPTED -> LOGGER.info("Sync {} run {} interrupted: {}", syncId, runId, failure.getMessage());
            case AWAITING_APPROVAL -> {
                // a sequence step sees it as failed: a mirror waiting for an operator must not pass as done
                LOGGER.warn("Sync {} run {} awaits approval: {}", syncId, runId, failure.getMessage());
                throw failure;
            }
            default -> {
                LOGGER.warn("Sync {} run {} failed: {}", syncId, runId, failure.getMessage());
                throw failure;
            }
        }
    }

    /**
     * Records how the run ended. When the state database is down (the likely reason the run
     * failed), tries again for a minute rather than leave the run marked running.
     */
    private void recordEnd(long runId, RunStatus status, RowCounts rows, Exception failure) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                history.finish(runId, status, rows, failure);
                return;
            } catch (StateStoreException e) {
                if (attempt >= RECORD_ATTEMPTS) {
                    throw e;
                }
                LOGGER.warn("Run {} ended {} but the state database cannot record it yet ({}); trying again", runId, status.value(), e.getMessage());
                Thread.sleep(1000);
            }
        }
    }

    private SyncEngine engineFor(SyncDefinition sync) {
        return engines.stream().filter(e -> e.supports(sync)).findFirst()
                .orElseThrow(() -> new NoSyncEngineException("this build has no engine for "
                        + (sync.isApiSync() ? "API syncs" : "activations") + " (sync '" + sync.id() + "')"));
    }
}
