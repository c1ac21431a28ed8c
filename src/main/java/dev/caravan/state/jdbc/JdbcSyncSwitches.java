package dev.caravan.state.jdbc;

import javax.sql.DataSource;
import java.util.HashSet;
import java.util.Set;

/**
 * Syncs paused at run time, in {@code caravan.sync_settings}; and the reset behind a forced
 * re-backfill, which forgets where a sync stands (its progress, cursor, activation snapshot, key-scan
 * suspects and held removals),
 * so its next run starts over. The rows already synced stay.
 */
public final class JdbcSyncSwitches {
    private final Jdbc jdbc;

    public JdbcSyncSwitches(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    public Set<String> paused() {
        return new HashSet<>(jdbc.query("read paused syncs", "SELECT sync_id FROM caravan.sync_settings WHERE paused", rs -> rs.getString(1)));
    }

    public void setPaused(String syncId, boolean paused) {
        jdbc.update("pause or resume sync " + syncId, "INSERT INTO caravan.sync_settings (sync_id, paused) VALUES (?, ?) "
                + "ON CONFLICT (sync_id) DO UPDATE SET paused = EXCLUDED.paused, updated_at = now()", syncId, paused);
    }

    public void forget(String syncId) {
        jdbc.update("reset sync " + syncId, "WITH snapshot AS (DELETE FROM caravan.activation_snapshots WHERE sync_id = ?), "
                + "suspects AS (DELETE FROM caravan.scan_suspects WHERE sync_id = ?), held AS (DELETE FROM caravan.pending_removals WHERE sync_id = ?) "
                + "DELETE FROM caravan.sync_state WHERE sync_id = ?", syncId, syncId, syncId, syncId);
    }
}
