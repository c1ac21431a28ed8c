package dev.caravan.runtime.activation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One sync's snapshot, moved as rows are confirmed, on a connection of its own: what the
 * destination confirmed is {@link #write committed} before the next request goes, so a crash sends
 * again only the request in flight. Rejected rows also go here, to {@code caravan.rejected_rows}.
 */
final class Snapshot implements AutoCloseable {
    private final String syncId;
    private final Connection connection;
    private final PreparedStatement confirm;
    private final PreparedStatement remove;
    private final PreparedStatement reject;

    /** @param connection used by this snapshot alone, not in auto-commit */
    Snapshot(Connection connection, String syncId) throws SQLException {
        this.syncId = syncId;
        this.connection = connection;
        confirm = connection.prepareStatement("INSERT INTO caravan.activation_snapshots (sync_id, row_key, row_hash) VALUES (?, ?::jsonb, ?) "
                + "ON CONFLICT (sync_id, row_key) DO UPDATE SET row_hash = EXCLUDED.row_hash");
        remove = connection.prepareStatement("DELETE FROM caravan.activation_snapshots WHERE sync_id = ? AND row_key = ?::jsonb");
        reject = connection.prepareStatement("INSERT INTO caravan.rejected_rows (run_id, sync_id, row_key, operation, status, reason) "
                + "VALUES (?, ?, ?::jsonb, ?, ?, ?)");
    }

    /** The destination has the row as it is now (added or changed). */
    void confirmed(String key, String hash) throws SQLException {
        confirm.setString(1, syncId);
        confirm.setString(2, key);
        confirm.setString(3, hash);
        confirm.addBatch();
    }

    /** The destination no longer has the row. */
    void removed(String key) throws SQLException {
        remove.setString(1, syncId);
        remove.setString(2, key);
        remove.addBatch();
    }

    /** Commits what was confirmed and rejected since the last call: one transaction, one round trip per kind. */
    void write() throws SQLException {
        confirm.executeBatch();
        remove.executeBatch();
        reject.executeBatch();
        connection.commit();
    }

    void rejected(long runId, String key, String operation, Integer status, String reason) throws SQLException {
        reject.setLong(1, runId);
        reject.setString(2, syncId);
        reject.setString(3, key);
        reject.setString(4, operation);
        if (status == null) {
            reject.setNull(5, java.sql.Types.INTEGER);
        } else {
            reject.setInt(5, status);
        }
        reject.setString(6, reason);
        reject.addBatch();
    }

    @Override
    public void close() throws SQLException {
        try (confirm; remove; reject) {
            // closes all three
        }
    }
}
