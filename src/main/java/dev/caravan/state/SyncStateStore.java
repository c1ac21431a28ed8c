package dev.caravan.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** Persists {@link SyncState} rows. Methods take the caller's connection so a save joins its transaction. */
public interface SyncStateStore {

    /** The stored state, or empty for a sync that never ran. */
    Optional<SyncState> load(Connection connection, String syncId) throws SQLException;

    /** Upserts the state (one row per sync); commits with the caller's transaction. */
    void save(Connection connection, SyncState state) throws SQLException;
}
