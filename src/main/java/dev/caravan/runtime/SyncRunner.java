package dev.caravan.runtime;

import dev.caravan.model.CaravanConfig;
import dev.caravan.model.SyncDefinition;
import dev.caravan.state.RowCounts;
import dev.caravan.state.RunHistory;
import dev.caravan.state.RunStatus;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bean every sync route calls ({@code direct:sync-<id>}): records the run in run history,
 * hands it to the engine for its kind, and records how it ended. A failed run is rethrown so
 * the calling route (a sequence) sees the failure.
 */
public final class SyncRunner {
    public static final String SYNC_ID_HEADER = "CaravanSyncId";
    public static final String TRIGGER_HEADER = "CaravanTrigger";
    public static final String RUN_ID_HEADER = "CaravanRunId";
    private static final Logger LOGGER = LoggerFactory.getLogger(SyncRunner.class);

    private final CaravanConfig config;
    private final RunHistory history;
    private final List<SyncEngine> engines;
    /** One run of a sync at a time in this process (a schedule and a sequence may ask at once). */
    private final Map<String, ReentrantLock> running = new ConcurrentHashMap<>();

    public SyncRunner(CaravanConfig config, RunHistory history, List<SyncEngine> engines) {
        this.config = config;
        this.history = history;
        this.engines = List.copyOf(engines);
    }

    /** Runs sync {@code syncId} once, after any run of it already in progress here; returns the run id. */
    public long run(@Header(SYNC_ID_HEADER) String syncId, @Header(TRIGGER_HEADER) String trigger) throws Exception {
        SyncDefinition sync = config.sync(syncId).orElseThrow(() -> new IllegalArgumentException("no sync '" + syncId + "'"));
        ReentrantLock lock = running.computeIfAbsent(syncId, id -> new ReentrantLock());
        lock.lock();
        try {
            return runExclusively(sync, trigger);
        } finally {
            lock.unlock();
        }
    }

    private long runExclusively(SyncDefinition sync, String trigger) throws Exception {
        String syncId = sync.id();
        long runId = history.start(syncId, trigger == null ? "manual" : trigger);
        LOGGER.info("Sync {} run {} started ({})", syncId, runId, trigger == null ? "manual" : trigger);
        long started = System.nanoTime();
        try {
            RowCounts rows = engineFor(sync).run(sync, runId);
            history.finish(runId, RunStatus.SUCCEEDED, rows, null);
            LOGGER.info("Sync {} run {} succeeded in {} ms: {}", syncId, runId, (System.nanoTime() - started) / 1_000_000, rows);
            return runId;
        } catch (RunInterruptedException e) {
            history.finish(runId, RunStatus.INTERRUPTED, e.counts(), e);
            LOGGER.info("Sync {} run {} interrupted: {}", syncId, runId, e.getMessage());
            return runId;
        } catch (Exception e) {
            history.finish(runId, RunStatus.FAILED, RowCounts.NONE, e);
            LOGGER.warn("Sync {} run {} failed: {}", syncId, runId, e.getMessage());
            throw e;
        }
    }

    private SyncEngine engineFor(SyncDefinition sync) {
        return engines.stream().filter(e -> e.supports(sync)).findFirst()
                .orElseThrow(() -> new NoSyncEngineException("this build has no engine for "
                        + (sync.isApiSync() ? "API syncs" : "activations") + " (sync '" + sync.id() + "')"));
    }
}
