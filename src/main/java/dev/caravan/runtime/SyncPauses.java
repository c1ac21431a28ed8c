package dev.caravan.runtime;

import dev.caravan.state.jdbc.JdbcSyncSwitches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which syncs are paused: persisted, so a restart keeps them paused; read on every scheduled fire. */
public final class SyncPauses {
    private static final Logger LOGGER = LoggerFactory.getLogger(SyncPauses.class);

    private final JdbcSyncSwitches store;
    private final Set<String> paused = ConcurrentHashMap.newKeySet();

    public SyncPauses(JdbcSyncSwitches store) {
        this.store = store;
        paused.addAll(store.paused());
    }

    public boolean isPaused(String syncId) {
        return paused.contains(syncId);
    }

    public void set(String syncId, boolean pause) {
        store.setPaused(syncId, pause);
        if (pause) {
            paused.add(syncId);
        } else {
            paused.remove(syncId);
        }
        LOGGER.info("Sync {} {}", syncId, pause ? "paused: its schedule starts nothing until it is resumed" : "resumed");
    }
}
